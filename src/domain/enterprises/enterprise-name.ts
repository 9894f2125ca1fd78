// The de-duplication key of an enterprise's name: two units typing the same company differently must land on one
// record. The key is for comparing only; the name as typed is what is shown.

const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff]/g;
// 【】〔〕〖〗 are not changed by NFKC; （）［］ already are, to ( ) [ ].
const OPENING = /[[【〔〖{]/g;
const CLOSING = /[\]】〕〗}]/g;
// The middle dot of transliterated foreign names comes in several code points.
const MIDDLE_DOT = /[\u00b7\u2022\u2027\u30fb\u2219]/g;
// Punctuation a name may end with by accident (a pasted sentence, a list). Closing brackets are not in it:
// "某某有限公司(筹)" ends with one on purpose.
const TRAILING_PUNCTUATION = /[.,;:!?'"`~、。，；：！？…‘’“”\-—_·]+$/u;

/**
 * The rules, in order:
 * 1. NFKC: full-width Latin letters, digits and ASCII punctuation become half-width (（）→ (), ＡＢＣ → ABC),
 *    and compatibility ideographs become their unified forms.
 * 2. All whitespace is removed, inside the name too, with the zero-width characters that come with pasting:
 *    Chinese names carry no meaningful spaces, and for Latin names "ABC Tech" and "ABCTech" are the same firm
 *    far more often than two firms.
 * 3. Brackets of every shape become round: （）【】[]〔〕〖〗{} → (); middle dots become "·".
 * 4. Latin letters are lower-cased.
 * 5. 有限责任公司 is written 有限公司, anywhere in the name (a branch's name carries its parent's): the two are the
 *    same legal form. 股份有限公司 is a different form and stays distinct.
 * 6. Trailing punctuation is stripped.
 * A name of nothing but spaces and punctuation gives "": callers treat an empty key as no key.
 */
export function normalizeEnterpriseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(OPENING, '(')
    .replace(CLOSING, ')')
    .replace(MIDDLE_DOT, '·')
    .toLowerCase()
    .replaceAll('有限责任公司', '有限公司')
    .replace(TRAILING_PUNCTUATION, '');
}
