import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import {
  type BulletinLayout,
  type LayoutSection,
  type LayoutTable,
  layoutBulletin,
} from '../../../../domain/bulletins/layout.js';
import type { BulletinSnapshot } from '../../../../domain/bulletins/snapshot.js';
import { pinPackage } from './zip-pin.js';

// The bulletin as an official document (.docx), laid out per GB/T 9704-2012 (党政机关公文格式) as far as a
// generated file can be: A4, 版心 156 × 225 mm (margins top 37, bottom 35, left 28, right 26 mm), 22 lines of
// 28 characters in 3号 仿宋; the 版头 (issuing body in red 小标宋, 文号, red separator), the title in 2号 小标宋,
// the body in 3号 仿宋_GB2312 with a 2-character first-line indent, level-1 headings in 黑体 (一、), level-2 in
// 楷体 (（一）), the 署名 and 成文日期, the annex of tables on a new page, the 版记 and page numbers in 4号 半角
// "— 1 —" (odd pages right, even pages left, one character in from the edge).
//
// Fonts: the names the standard uses (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体) are not on every machine, so the
// font table gives each an altName (仿宋, 楷体, 宋体) that Word and LibreOffice substitute when it is missing.
//
// Deterministic: the same snapshot gives the same bytes (zip-pin.ts pins the dates docx stamps with "now").

const PT = 2; // docx sizes are half-points
const SIZE = {
  初号: 42 * PT,
  小初: 36 * PT,
  二号: 22 * PT,
  三号: 16 * PT,
  四号: 14 * PT,
  小四: 12 * PT,
  五号: 10.5 * PT,
  小五: 9 * PT,
};
const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  hei: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
};
const FONT_ALT: Record<string, { alt: string; panose: string; latin?: string }> = {
  [FONT.title]: { alt: '宋体', panose: '02000000000000000000' },
  [FONT.body]: { alt: '仿宋', panose: '02010609030101010101' },
  [FONT.kai]: { alt: '楷体', panose: '02010609030101010101' },
  [FONT.hei]: { alt: 'SimHei', panose: '02010609060101010101' },
  [FONT.song]: { alt: 'SimSun', panose: '02010600030101010101' },
};
const RED = 'FF0000';
/** Millimetres to twips, rounded (docx's own helper floors, which makes A4 11905 × 16837 instead of 11906 × 16838). */
const mm = (v: number) => Math.round((v * 1440) / 25.4);
/** 版心 width 156 mm in twips. */
const TEXT_WIDTH = mm(156);
/** 22 lines in 225 mm: the fixed line pitch of the body. */
const LINE = Math.round(mm(225) / 22);
/** One character of 3号 (16 pt) in twips. */
const CHAR = 16 * 20;

const fontOf = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

function run(
  text: string,
  font: string,
  size: number,
  extra: { bold?: boolean; color?: string } = {},
): TextRun {
  return new TextRun({ text, font: fontOf(font), size, ...extra });
}

function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    children: [run(text, FONT.body, SIZE.三号)],
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 2 * CHAR },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
  });
}

function headingParagraph(text: string, level: 1 | 2): Paragraph {
  return new Paragraph({
    children: [run(text, level === 1 ? FONT.hei : FONT.kai, SIZE.三号)],
    indent: { firstLine: 2 * CHAR },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    keepNext: true,
    outlineLevel: level - 1,
  });
}

function blankLine(): Paragraph {
  return new Paragraph({ children: [], spacing: { line: LINE, lineRule: LineRuleType.EXACT } });
}

/** Visual width in characters of the body font: CJK is 1, ASCII digits and letters are half. */
function widthInChars(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return w;
}

/** The 发文机关标志: as large as 小初 but never wider than the 版心 (long names shrink, down to 2号). */
function headerSize(body: string): number {
  const fits = Math.floor((TEXT_WIDTH / 20 / Math.max(widthInChars(body), 1)) * 0.95);
  return Math.max(SIZE.二号, Math.min(SIZE.小初, fits * PT));
}

function redHeader(layout: BulletinLayout): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({
      children: [run(layout.issuingBody, FONT.title, headerSize(layout.issuingBody), { color: RED })],
      alignment: AlignmentType.CENTER,
      // 35 mm from the top of the 版心 to the top of the 发文机关标志 (GB/T 9704 7.2.2), approximated as spacing.
      spacing: {
        before: mm(35) - LINE,
        after: 0,
        line: 240,
        lineRule: LineRuleType.AUTO,
      },
    }),
    blankLine(),
  ];
  // 文号 centered under the 标志 with the red separator 4 mm below it (a bottom border of the paragraph).
  out.push(
    new Paragraph({
      children: layout.docNumber ? [run(layout.docNumber, FONT.body, SIZE.三号)] : [],
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE, lineRule: LineRuleType.EXACT, after: 0 },
      border: {
        bottom: {
          color: RED,
          style: BorderStyle.SINGLE,
          size: 12,
          space: Math.round(mm(4) / 20),
        },
      },
    }),
  );
  out.push(blankLine());
  return out;
}

/** Characters of 2号 on one line of the 156 mm 版心. */
const TITLE_LINE = Math.floor(TEXT_WIDTH / (22 * 20));
// A title line may end after these without splitting a word (GB/T 9704: 回行时词意完整、排列对称).
const TITLE_WORDS = [
  '关于',
  '年',
  '月',
  '季度',
  '全区',
  '全县',
  '全市',
  '招商引资',
  '工作',
  '情况',
  '的',
  '和',
  '暨',
  '、',
  '，',
];

/** Positions after which a title may break: the end of any of TITLE_WORDS. */
function titleBreaks(title: string): Set<number> {
  const at = new Set<number>();
  for (const w of TITLE_WORDS) {
    for (let i = title.indexOf(w); i >= 0; i = title.indexOf(w, i + 1))
      at.add([...title.slice(0, i + w.length)].length);
  }
  return at;
}

/**
 * A long title in lines of about equal length, each break placed after a word-ending character near the
 * even split (rather than the last line holding a lone character, as plain wrapping gives).
 */
export function balanceTitle(title: string): string[] {
  const chars = [...title];
  const width = widthInChars(title);
  if (width <= TITLE_LINE) return [title];
  const lines = Math.ceil(width / TITLE_LINE);
  // before[i]: the width of chars[0..i).
  const before = [0];
  for (const ch of chars) before.push((before.at(-1) ?? 0) + widthInChars(ch));
  const breaks = titleBreaks(title);
  const out: string[] = [];
  let start = 0;
  for (let l = 1; l < lines; l++) {
    const target = (before[start] ?? 0) + (width - (before[start] ?? 0)) / (lines - l + 1);
    let ideal = start + 1;
    while (ideal < chars.length - 1 && (before[ideal + 1] ?? 0) <= target) ideal++;
    // The nearest word end within 4 characters of the even split, else the split itself.
    let best = ideal;
    for (const d of [0, 1, -1, 2, -2, 3, -3, 4, -4]) {
      const at = ideal + d;
      if (
        at > start &&
        at < chars.length &&
        breaks.has(at) &&
        (before[at] ?? 0) - (before[start] ?? 0) <= TITLE_LINE
      ) {
        best = at;
        break;
      }
    }
    // Never split a run of digits (a year, a number).
    while (best > start + 1 && /\d/.test(chars[best - 1] ?? '') && /\d/.test(chars[best] ?? '')) best--;
    out.push(chars.slice(start, best).join(''));
    start = best;
  }
  out.push(chars.slice(start).join(''));
  return out;
}

function titleRuns(title: string): TextRun[] {
  return balanceTitle(title).map(
    (line, i) =>
      new TextRun({ text: line, font: fontOf(FONT.title), size: SIZE.二号, ...(i > 0 ? { break: 1 } : {}) }),
  );
}

function titleParagraphs(layout: BulletinLayout): Paragraph[] {
  const out = [
    new Paragraph({
      children: titleRuns(layout.title),
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(LINE * 1.25), lineRule: LineRuleType.EXACT },
    }),
  ];
  if (layout.versionNote) {
    out.push(
      new Paragraph({
        children: [run(layout.versionNote, FONT.kai, SIZE.三号)],
        alignment: AlignmentType.CENTER,
        spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      }),
    );
  }
  out.push(blankLine());
  return out;
}

function sectionParagraphs(sections: LayoutSection[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const sec of sections) {
    out.push(headingParagraph(sec.heading, 1));
    for (const b of sec.blocks) {
      if (b.kind === 'paragraph') out.push(bodyParagraph(b.text));
      else if (b.kind === 'subheading') out.push(headingParagraph(b.text, 2));
      else out.push(...tableBlock(b.table));
    }
  }
  return out;
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function cellParagraph(
  text: string,
  align: 'left' | 'center' | 'right',
  header: boolean,
  size: number,
): Paragraph {
  return new Paragraph({
    children: [run(text, header ? FONT.hei : FONT.body, size)],
    alignment: header ? AlignmentType.CENTER : ALIGN[align],
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
  });
}

/**
 * Column widths (twips) for a table at a font size: each column gets the width its longest cell needs (a header
 * may wrap onto 2–3 lines, a figure should not), scaled to fill the 版心. Over the 版心, text columns (names)
 * give way first, down to 4 characters; `excess` is what is still over after that (everything then shrinks).
 */
function columnWidths(t: LayoutTable, size: number, margin: number): { widths: number[]; excess: number } {
  const charTwips = size * 10; // half-points × 10 = twips per CJK character
  const need = t.columns.map((c, i) => {
    // Digits are budgeted at 0.6 of a character: 仿宋's are half-width, but a substitute font's may be wider.
    const cells = t.rows.map((r) => widthInChars(r.cells[i]?.text ?? '') * 1.2);
    const headerNeed = Math.min(widthInChars(c.title), c.align === 'left' ? 8 : 3);
    return Math.max(headerNeed, ...cells, 2) * charTwips + 2 * margin + 40;
  });
  let excess = need.reduce((a, b) => a + b, 0) - TEXT_WIDTH;
  if (excess > 0) {
    const minText = 4 * charTwips + 2 * margin;
    const slack = t.columns.map((c, i) => (c.align === 'left' ? Math.max(0, (need[i] ?? 0) - minText) : 0));
    const slackTotal = slack.reduce((a, b) => a + b, 0);
    const give = Math.min(excess, slackTotal);
    slack.forEach((sl, i) => {
      need[i] = (need[i] ?? 0) - (slackTotal > 0 ? Math.floor((sl * give) / slackTotal) : 0);
    });
    excess -= give;
  }
  const total = need.reduce((a, b) => a + b, 0);
  return { widths: need.map((w) => Math.floor((w * TEXT_WIDTH) / total)), excess };
}

function tableBlock(t: LayoutTable): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [headingParagraph(t.caption, 2)];
  if (t.note) {
    out.push(
      new Paragraph({
        children: [run(t.note, FONT.body, SIZE.小四)],
        alignment: AlignmentType.RIGHT,
        keepNext: true,
        spacing: { line: 240, lineRule: LineRuleType.AUTO, after: 60 },
      }),
    );
  }
  if (t.rows.length === 0) {
    out.push(bodyParagraph(t.emptyText));
    return out;
  }
  // 小四 for narrow tables, 五号 for wide ones, 小五 when even 五号 does not fit; margin in twips.
  const margin = 40;
  const sizes = t.columns.length > 6 ? [SIZE.五号, SIZE.小五] : [SIZE.小四, SIZE.五号, SIZE.小五];
  let size = sizes[0] ?? SIZE.五号;
  let { widths, excess } = columnWidths(t, size, margin);
  for (const smaller of sizes.slice(1)) {
    if (excess <= 0) break;
    size = smaller;
    ({ widths, excess } = columnWidths(t, size, margin));
  }
  const cell = (text: string, i: number, header: boolean, bold = false) =>
    new TableCell({
      children: [
        cellParagraph(text, header ? 'center' : (t.columns[i]?.align ?? 'left'), header || bold, size),
      ],
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { left: margin, right: margin, top: 30, bottom: 30 },
    });
  const groupRow = (name: string) =>
    new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          children: [cellParagraph(name, 'left', true, size)],
          columnSpan: t.columns.length,
          margins: { left: margin, right: margin, top: 30, bottom: 30 },
        }),
      ],
    });
  const rows = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: t.columns.map((c, i) => cell(c.title, i, true)),
    }),
  ];
  let group: string | undefined;
  for (const r of t.rows) {
    if (r.group && r.group !== group) rows.push(groupRow(r.group));
    group = r.group;
    rows.push(
      new TableRow({
        cantSplit: true,
        children: r.cells.map((c, i) => cell(c.text, i, false, r.total === true)),
      }),
    );
  }
  out.push(
    new Table({
      rows,
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      borders: {
        top: CELL_BORDER,
        bottom: CELL_BORDER,
        left: CELL_BORDER,
        right: CELL_BORDER,
        insideHorizontal: CELL_BORDER,
        insideVertical: CELL_BORDER,
      },
    }),
  );
  if (t.footnote) {
    out.push(
      new Paragraph({
        children: [run(`注：${t.footnote}。`, FONT.body, SIZE.小四)],
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 60 },
      }),
    );
  }
  out.push(blankLine());
  return out;
}

/**
 * 不加盖印章: the signature 2 characters in from the right, one blank line under the text; the date on the next
 * line, its first character 2 characters right of the signature's first (GB/T 9704 7.3.5.2).
 */
function signatureParagraphs(layout: BulletinLayout): Paragraph[] {
  const sig = widthInChars(layout.signature);
  const date = widthInChars(layout.dateText);
  const sigRight = 2;
  const dateRight = Math.max(0, sigRight + sig - 2 - date);
  const para = (text: string, right: number) =>
    new Paragraph({
      children: [run(text, FONT.body, SIZE.三号)],
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.round(right * CHAR) },
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      keepNext: true,
    });
  return [blankLine(), para(layout.signature, sigRight), para(layout.dateText, dateRight)];
}

/** 附件说明: under the text, one blank line, 2 characters in: "附件：" and the annex's name (GB/T 9704 7.3.4). */
function annexNoteParagraphs(layout: BulletinLayout): Paragraph[] {
  if (layout.annex.length === 0) return [];
  return [
    blankLine(),
    new Paragraph({
      children: [run(`附件：${layout.annexTitle}`, FONT.body, SIZE.三号)],
      indent: { left: 2 * CHAR, hanging: 0 },
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      keepNext: true,
    }),
  ];
}

function annexParagraphs(layout: BulletinLayout): (Paragraph | Table)[] {
  if (layout.annex.length === 0) return [];
  return [
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({
      children: [run('附件', FONT.hei, SIZE.三号)],
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    }),
    blankLine(),
    new Paragraph({
      children: titleRuns(layout.annexTitle),
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(LINE * 1.25), lineRule: LineRuleType.EXACT },
    }),
    blankLine(),
    ...sectionParagraphs(layout.annex),
  ];
}

/** 版记: 印发机关 and 印发日期 between a thick first and last line (0.35 mm ≈ 1 pt). */
function imprintParagraphs(layout: BulletinLayout): Paragraph[] {
  const line = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
  return [
    blankLine(),
    new Paragraph({
      children: [
        run(layout.imprint.body, FONT.body, SIZE.四号),
        run('\t', FONT.body, SIZE.四号),
        run(layout.imprint.date, FONT.body, SIZE.四号),
      ],
      tabStops: [{ type: 'right', position: TEXT_WIDTH - CHAR }],
      indent: { left: Math.round(CHAR * 0.875) },
      border: { top: line, bottom: line },
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
      keepLines: true,
    }),
  ];
}

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const children: ParagraphChild[] = [
    new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: fontOf(FONT.song), size: SIZE.四号 }),
  ];
  return new Footer({
    children: [
      new Paragraph({
        children,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: 14 * 20 } : { left: 14 * 20 },
      }),
    ],
  });
}

export function buildBulletinDocument(snapshot: BulletinSnapshot): Document {
  const layout = layoutBulletin(snapshot);
  return new Document({
    creator: snapshot.issuingBody,
    lastModifiedBy: snapshot.issuingBody,
    title: snapshot.title,
    subject: snapshot.periodLabel,
    description: `inputHash ${snapshot.inputHash}`,
    revision: snapshot.version,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: fontOf(FONT.body), size: SIZE.三号 },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(37),
              bottom: mm(35),
              left: mm(28),
              right: mm(26),
              header: mm(15),
              // The page number sits 7 mm under the 版心: its baseline about 23 mm from the bottom edge.
              footer: mm(23),
            },
          },
          grid: { linePitch: LINE },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: [
          ...redHeader(layout),
          ...titleParagraphs(layout),
          ...sectionParagraphs(layout.sections),
          ...annexNoteParagraphs(layout),
          ...signatureParagraphs(layout),
          ...annexParagraphs(layout),
          ...imprintParagraphs(layout),
        ],
      },
    ],
  });
}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function fontTableXml(): string {
  const fonts = Object.entries(FONT_ALT)
    .map(
      ([name, f]) =>
        `<w:font w:name="${name}"><w:altName w:val="${f.alt}"/><w:panose1 w:val="${f.panose}"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="${W_NS}">${fonts}</w:fonts>`;
}

/** The bulletin as a .docx (GB/T 9704 layout), byte-for-byte the same for the same snapshot. */
export async function renderBulletinDocx(snapshot: BulletinSnapshot): Promise<Buffer> {
  const raw = await Packer.toBuffer(buildBulletinDocument(snapshot));
  return pinPackage(raw, {
    day: snapshot.issuedOn,
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    replace: { 'word/fontTable.xml': fontTableXml() },
  });
}
