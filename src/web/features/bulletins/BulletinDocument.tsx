import { type CSSProperties, Fragment, useMemo } from 'react';
import { type LayoutSection, type LayoutTable, layoutBulletin } from '../../../domain/bulletins/layout.js';
import type { BulletinSnapshot } from '../../../domain/bulletins/snapshot.js';
import { useT } from '../../app/i18n.js';
import { bulletinDocumentMessages } from './bulletins-document.messages.js';
import './bulletin-document.css';

// A bulletin snapshot as the official document, in HTML: the red 版头 with the 文号, the title, the numbered
// narrative, the signature and date, then the annex with every table. The structure and every figure come
// from layout.ts (the same one the .docx and .xlsx use), so the page, the print and the files agree.

const ALIGN_CLASS = { left: 'bd-left', center: 'bd-center', right: 'bd-right' } as const;

function DocTable({ table: t }: { table: LayoutTable }) {
  return (
    <div className="bd-table-block" data-table={t.key}>
      <h3 className="bd-h2">{t.caption}</h3>
      {t.note ? <div className="bd-note">{t.note}</div> : null}
      {t.rows.length === 0 ? (
        <p className="bd-empty">{t.emptyText}</p>
      ) : (
        <div className="bd-table-wrap">
          <table className="bd-table">
            <thead>
              <tr>
                {t.columns.map((c) => (
                  <th key={c.title} scope="col">
                    {c.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((r, i) => {
                const groupChanged = r.group !== undefined && r.group !== t.rows[i - 1]?.group;
                return (
                  // Rows have no id of their own (the district total has none); their order is fixed.
                  // biome-ignore lint/suspicious/noArrayIndexKey: a frozen table, rendered once, never reordered
                  <Fragment key={i}>
                    {groupChanged ? (
                      <tr className="bd-group">
                        <th colSpan={t.columns.length} scope="rowgroup">
                          {r.group}
                        </th>
                      </tr>
                    ) : null}
                    <tr className={r.total ? 'bd-total' : undefined}>
                      {r.cells.map((c, j) => {
                        const align = t.columns[j]?.align ?? 'left';
                        const cls = `${ALIGN_CLASS[align]}${typeof c.value === 'number' ? ' bd-num' : ''}`;
                        return j === 0 ? (
                          // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                          <th key={j} scope="row" className={cls}>
                            {c.text}
                          </th>
                        ) : (
                          // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                          <td key={j} className={cls}>
                            {c.text}
                          </td>
                        );
                      })}
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {t.footnote && t.rows.length > 0 ? <div className="bd-footnote">注：{t.footnote}。</div> : null}
    </div>
  );
}

function Sections({ sections }: { sections: LayoutSection[] }) {
  return (
    <>
      {sections.map((sec) => (
        <section key={sec.heading}>
          <h2 className="bd-h1">{sec.heading}</h2>
          {sec.blocks.map((b, i) =>
            b.kind === 'paragraph' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of a frozen text, never reordered
              <p key={i} className="bd-p">
                {b.text}
              </p>
            ) : b.kind === 'subheading' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <h3 key={i} className="bd-h2">
                {b.text}
              </h3>
            ) : (
              <DocTable key={b.table.key} table={b.table} />
            ),
          )}
        </section>
      ))}
    </>
  );
}

export interface BulletinDocumentProps {
  snapshot: BulletinSnapshot;
  /** 'sheet': an A4 sheet on its own (the print view); 'embedded': inside a page of the app. */
  variant?: 'sheet' | 'embedded';
  /** Marks the document as a draft (on screen and on paper). */
  draft?: boolean;
}

export function BulletinDocument({ snapshot, variant = 'sheet', draft = false }: BulletinDocumentProps) {
  const t = useT(bulletinDocumentMessages);
  const layout = useMemo(() => layoutBulletin(snapshot), [snapshot]);
  // The 发文机关标志: 小初 (36 pt), shrinking for long names so it stays on one line of the 156 mm 版心 (≈ 442 pt),
  // as in the .docx, never below 2号 (22 pt).
  const issuerSize = Math.max(
    22,
    Math.min(36, Math.floor((442 / Math.max(layout.issuingBody.length, 1)) * 0.92)),
  );
  return (
    <article
      className={`bd-doc ${variant === 'sheet' ? 'bd-sheet' : 'bd-embedded'}`}
      aria-label={t.documentLabel}
      lang="zh-CN"
    >
      {draft ? <div className="bd-draft-mark">{t.draftMark}</div> : null}
      <header>
        <h1
          className="bd-issuer"
          style={
            {
              '--bd-issuer-size': `${issuerSize}pt`,
              '--bd-issuer-chars': Math.max(layout.issuingBody.length, 1),
            } as CSSProperties
          }
        >
          {layout.issuingBody}
        </h1>
        {layout.docNumber ? <div className="bd-docno">{layout.docNumber}</div> : null}
        <hr className="bd-redline" />
      </header>
      <h1 className="bd-title">{layout.title}</h1>
      {layout.versionNote ? <p className="bd-version">{layout.versionNote}</p> : null}
      <Sections sections={layout.sections} />
      {layout.annex.length > 0 ? <p className="bd-annex-note">附件：{layout.annexTitle}</p> : null}
      <div className="bd-sign">
        <div>{layout.signature}</div>
        <div className="bd-sign-date">{layout.dateText}</div>
      </div>
      {layout.annex.length > 0 ? (
        <section className="bd-annex">
          <div className="bd-annex-label">附件</div>
          <h2 className="bd-annex-title">{layout.annexTitle}</h2>
          <Sections sections={layout.annex} />
        </section>
      ) : null}
      <footer className="bd-imprint">
        <span>{layout.imprint.body}</span>
        <span>{layout.imprint.date}</span>
      </footer>
    </article>
  );
}
