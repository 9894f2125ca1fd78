import { describe, expect, it } from 'vitest';
import { normalizeQuery, searchTextOf } from './search-text.js';

describe('searchTextOf', () => {
  it('holds the name, its full pinyin, its initials and the codes', () => {
    const s = searchTextOf('洺州 紧固件有限公司', '91130400MA0000000X');
    expect(s).toContain('洺州紧固件有限公司');
    expect(s).toContain('mingzhoujingujianyouxiangongsi');
    expect(s).toContain('mzjgjyxgs');
    expect(s).toContain('91130400ma0000000x');
  });
  it('keeps Latin letters and digits of mixed names', () => {
    expect(searchTextOf('年产5万吨A级螺栓项目')).toContain('nianchan5wandunajiluoshuanxiangmu');
  });
});

describe('normalizeQuery', () => {
  it('ignores spaces and case', () => {
    expect(normalizeQuery(' MZ JGJ ')).toBe('mzjgj');
  });
});
