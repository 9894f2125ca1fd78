import { pinyin } from 'pinyin-pro';

/**
 * What a record is found by: its Chinese name, the name's full pinyin and initials (洺州紧固件 →
 * mingzhoujingujian, mzjgj), and any codes (credit code, project code), lower-case and space-free, so one
 * trigram index answers Chinese, pinyin, initials and small typos alike.
 */
export function searchTextOf(name: string, ...codes: (string | null | undefined)[]): string {
  const compact = name.replace(/\s+/g, '');
  const full = pinyin(compact, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('');
  const initials = pinyin(compact, {
    pattern: 'first',
    toneType: 'none',
    type: 'array',
    nonZh: 'consecutive',
  }).join('');
  return [compact, full, initials, ...codes.filter(Boolean)].join(' ').toLowerCase();
}

/** A query normalised the same way (spaces and case do not matter). */
export function normalizeQuery(q: string): string {
  return q.replace(/\s+/g, '').toLowerCase();
}
