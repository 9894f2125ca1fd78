import type { CSSProperties } from 'react';

export const MONO: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
};

/**
 * A formula with its wrong part marked (start..end, offsets from the checker). An empty span (something
 * missing at that point, e.g. a closing parenthesis at the end) marks the character there, or a space after
 * the end, so there is always something visible to look at.
 */
export function FormulaWithMark({ formula, start, end }: { formula: string; start: number; end: number }) {
  const s = Math.max(0, Math.min(start, formula.length));
  const e = Math.max(s, Math.min(end, formula.length));
  const marked = e > s ? formula.slice(s, e) : formula.slice(s, s + 1) || ' ';
  const after = e > s ? formula.slice(e) : formula.slice(s + 1);
  return (
    <code
      style={{
        ...MONO,
        display: 'block',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-all',
        padding: '2px 6px',
        background: 'rgba(0, 0, 0, 0.03)',
        borderRadius: 4,
      }}
    >
      {formula.slice(0, s)}
      <mark
        data-testid="formula-error-mark"
        style={{
          background: '#ffccc7',
          color: '#a8071a',
          textDecoration: 'underline wavy #cf1322',
          padding: 0,
          whiteSpace: 'pre',
        }}
      >
        {marked}
      </mark>
      {after}
    </code>
  );
}
