// GB/T 4754-2017 divisions (行业大类): the template's dropdown offers "C33 金属制品业", and a sheet may carry the
// code, the code with its name, or the name alone.
import { INDUSTRY_SECTIONS } from '../enterprises/industry.js';

/** [code, name] of every division, from the one GB/T 4754 list (domain/enterprises/industry.ts). */
export const INDUSTRY_DIVISIONS: readonly (readonly [string, string])[] = INDUSTRY_SECTIONS.flatMap((s) =>
  s.divisions.map((v) => [v.code, v.zh] as const),
);

const BY_NAME = new Map(INDUSTRY_DIVISIONS.map(([code, name]) => [name, code]));
const CODES = new Set(INDUSTRY_DIVISIONS.map(([code]) => code));

/** "C33", "c33", "C33 金属制品业", "C33-金属制品业" or "金属制品业" → "C33"; null when it names no division. */
export function divisionCodeOf(text: string): string | null {
  const s = text.normalize('NFKC').trim();
  const code = /^([A-Ta-t]\d{2})(?!\d)/.exec(s)?.[1]?.toUpperCase();
  if (code) return CODES.has(code) ? code : null;
  return BY_NAME.get(s.replace(/\s/g, '')) ?? null;
}
