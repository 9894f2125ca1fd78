import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEnterpriseName } from './enterprise-name.js';

// Every company here is invented.
describe('normalizeEnterpriseName', () => {
  it('gives one key to the spellings of one company', () => {
    const key = normalizeEnterpriseName('北京洁源新能源(集团)有限公司');
    expect(key).toBe('北京洁源新能源(集团)有限公司');
    for (const variant of [
      '北京洁源 新能源（集团）有限责任公司',
      '北京洁源新能源（集团）有限公司 ',
      '北京洁源新能源【集团】有限公司',
      '北京洁源新能源[集团]有限公司。',
      '\u3000北京洁源新能源（集团）有限公司\u200b',
      '北京洁源新能源〔集团〕有限责任公司；',
    ]) {
      expect(normalizeEnterpriseName(variant), variant).toBe(key);
    }
  });
  it('keeps a joint-stock company apart from a limited company of the same name', () => {
    expect(normalizeEnterpriseName('河北永固紧固件股份有限公司')).not.toBe(
      normalizeEnterpriseName('河北永固紧固件有限公司'),
    );
    expect(normalizeEnterpriseName('河北永固紧固件股份有限公司')).toBe('河北永固紧固件股份有限公司');
  });
  it('treats 有限责任公司 as 有限公司 inside a branch name too', () => {
    expect(normalizeEnterpriseName('天津恒通标准件有限责任公司邯郸分公司')).toBe(
      normalizeEnterpriseName('天津恒通标准件有限公司 邯郸分公司'),
    );
  });
  it('folds full-width and upper-case Latin letters and digits', () => {
    expect(normalizeEnterpriseName('ＡＢＣ精密（苏州）有限公司')).toBe('abc精密(苏州)有限公司');
    expect(normalizeEnterpriseName('Abc 精密(苏州)有限公司')).toBe('abc精密(苏州)有限公司');
    expect(normalizeEnterpriseName('中科１２３科技有限公司')).toBe('中科123科技有限公司');
  });
  it('strips trailing punctuation but keeps a closing bracket that belongs to the name', () => {
    expect(normalizeEnterpriseName('Delta Fastening Co., Ltd.')).toBe('deltafasteningco.,ltd');
    expect(normalizeEnterpriseName('某某新材料有限公司（筹）')).toBe('某某新材料有限公司(筹)');
    expect(normalizeEnterpriseName('恒信机械有限公司、')).toBe('恒信机械有限公司');
  });
  it('unifies the middle dots of transliterated names', () => {
    expect(normalizeEnterpriseName('艾克・斯通机械有限公司')).toBe(
      normalizeEnterpriseName('艾克·斯通机械有限公司'),
    );
  });
  it('gives an empty key to a name of only spaces and punctuation', () => {
    expect(normalizeEnterpriseName(' 。， ')).toBe('');
  });
  it('is idempotent: a key normalises to itself', () => {
    const alphabet = fc.constantFrom(
      ...'北京洁源新能源集团有限责任公司股份分厂紧固件abcXYZ019ＡＢＣ１２（）()【】[]〔〕 \u3000\t.,。，、;；·・-—_',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), (cs) => {
        const key = normalizeEnterpriseName(cs.join(''));
        return normalizeEnterpriseName(key) === key;
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const key = normalizeEnterpriseName(s);
        return normalizeEnterpriseName(key) === key;
      }),
    );
  });
  it('never lets whitespace or a full-width ASCII character into a key', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 30 }),
        (s) => !/[\s\uff01-\uff5e]/.test(normalizeEnterpriseName(s)),
      ),
    );
  });
});
