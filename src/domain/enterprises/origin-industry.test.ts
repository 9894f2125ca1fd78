import { describe, expect, it } from 'vitest';
import { INDUSTRY_SECTIONS, industryLabel, isIndustryDivision } from './industry.js';
import { COUNTRIES, isCountryCode, isProvinceOrCity, originLabel, PROVINCES } from './origin.js';

describe('GB/T 4754 industry list', () => {
  it('has the 20 sections A–T and the 97 divisions 01–97, each once and in order', () => {
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    const numbers = INDUSTRY_SECTIONS.flatMap((s) => s.divisions.map((d) => Number(d.code.slice(1))));
    expect(numbers).toEqual(Array.from({ length: 97 }, (_, i) => i + 1));
  });

  it('accepts a division only under its own section letter', () => {
    expect(isIndustryDivision('C33')).toBe(true);
    expect(isIndustryDivision('A33')).toBe(false);
    expect(industryLabel('C33')).toBe('C33 金属制品业');
  });
});

describe('origin regions', () => {
  it('lists the provinces with their prefecture cities from the GB/T 2260 package', () => {
    expect(PROVINCES).toHaveLength(34);
    const hebei = PROVINCES.find((p) => p.code === '130000')!;
    expect(hebei.cities.map((c) => c.name)).toContain('邯郸市');
    expect(hebei.cities.every((c) => c.code.startsWith('13'))).toBe(true);
    expect(PROVINCES.flatMap((p) => p.cities).some((c) => c.name.includes('直辖县级'))).toBe(false);
  });

  it('knows provinces, cities and countries, and labels them', () => {
    expect(isProvinceOrCity('130400')).toBe(true);
    expect(isProvinceOrCity('139900')).toBe(false);
    expect(isCountryCode('DE')).toBe(true);
    expect(COUNTRIES.some((c) => c.code === 'CN')).toBe(false);
    expect(originLabel({ originRegionCode: '130400', originCountry: null })).toBe('河北省 邯郸市');
    expect(originLabel({ originRegionCode: null, originCountry: 'JP' })).toBe('日本');
  });
});
