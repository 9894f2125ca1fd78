import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceTitle, renderBulletinDocx } from './docx.js';
import { sampleSnapshot } from './sample-snapshot.js';
import { renderBulletinXlsx } from './xlsx.js';

// The exports a person opens: the .docx must open cleanly (LibreOffice converts it, and the text is there),
// the .xlsx carries every table with numbers as numbers, and both are the same bytes for the same snapshot.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-render-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function soffice(): string {
  const found = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  if (found.status !== 0 || bin === '') {
    throw new Error(
      'LibreOffice is not installed: the .docx check needs `soffice`. Install it with ' +
        '`apt-get install -y libreoffice-writer-nogui` (.ci/run does this on CI).',
    );
  }
  return bin;
}

/** The .docx as plain text, by LibreOffice headless with a private profile (parallel runs do not collide). */
function docxToText(docx: Buffer, name: string): string {
  const bin = soffice();
  const input = path.join(dir, `${name}.docx`);
  writeFileSync(input, docx);
  // One profile per test file (its conversions run one after another), none shared with other runs.
  const profile = `file://${path.join(dir, 'lo-profile')}`;
  execFileSync(
    bin,
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'txt:Text', '--outdir', dir, input],
    { stdio: 'pipe', timeout: 120_000 },
  );
  return readFileSync(path.join(dir, `${name}.txt`), 'utf8');
}

describe('bulletin .docx', () => {
  it('opens in LibreOffice with the header, 文号, title, sections, figures and date', async () => {
    const docx = await renderBulletinDocx(sampleSnapshot());
    const txt = docxToText(docx, 'sample');
    expect(txt).toContain('示范区招商引资工作领导小组办公室');
    expect(txt).toContain('示招商〔2026〕10号');
    expect(txt).toContain('关于2026年10月全区招商引资工作情况的通报');
    for (const h of ['一、总体情况', '二、全市位次情况', '三、下步工作要求']) expect(txt).toContain(h);
    // The annex: numbered sections, the indicator tables with their units, and the footnote.
    for (const h of ['附件', '一、分指标完成情况', '（二）签约额（单位：万元）', '红黑榜', '交白卷单位']) {
      expect(txt).toContain(h);
    }
    expect(txt).toContain('附件：2026年10月招商引资主要指标完成情况');
    expect(txt).toContain('金额单位：万元，保留两位小数，四舍五入');
    // 城关镇's 签约额 this month: 123,456,789 元 → 12,345.68 万元 (half-up), in the row after its name.
    const lines = txt.split(/\r?\n/).map((l) => l.trim());
    const signedAt = lines.indexOf('（二）签约额（单位：万元）');
    const rowAt = lines.indexOf('城关镇', signedAt);
    expect(rowAt).toBeGreaterThan(signedAt);
    // The group row (乡镇/街道) comes first, then the unit's row.
    expect(lines.slice(rowAt - 1, rowAt + 5)).toEqual([
      '乡镇/街道',
      '城关镇',
      '150,000.00',
      '12,345.68',
      '132,500.00',
      '88.33%',
    ]);
    // The stalled project, the missing report and the city comparison.
    expect(txt).toContain('年产5万吨新型建材项目');
    expect(txt).toContain('逾期未开工');
    expect(txt).toContain('2026年9月');
    expect(txt).toContain('东湖区');
    // 成文日期 in Chinese, and the 版记.
    expect(txt).toContain('2026年11月5日');
    expect(txt).toContain('2026年11月5日印发');
  });

  it('is laid out on A4 with the GB/T 9704 margins, a red header and page numbers', async () => {
    const zip = await JSZip.loadAsync(await renderBulletinDocx(sampleSnapshot()));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml.includes('<w:pgSz w:w="11906" w:h="16838"')).toBe(true);
    // 37 / 35 / 28 / 26 mm in twips.
    expect(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/.test(xml)).toBe(true);
    expect(xml.includes('<w:color w:val="FF0000"/>')).toBe(true);
    expect(xml.includes('仿宋_GB2312')).toBe(true);
    const footer = (await zip.file('word/footer1.xml')?.async('string')) ?? '';
    expect(footer).toContain('PAGE');
    expect(footer).toContain('— ');
    const fonts = (await zip.file('word/fontTable.xml')?.async('string')) ?? '';
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
  });

  it('breaks a long title into balanced lines at word ends', () => {
    expect(balanceTitle('关于2026年10月全区招商引资工作情况的通报')).toEqual([
      '关于2026年10月全区招商引资工作情况的通报',
    ]);
    expect(balanceTitle('关于2026年10月全区招商引资工作进展情况的通报')).toEqual([
      '关于2026年10月全区招商引资',
      '工作进展情况的通报',
    ]);
  });

  it('renders the same bytes twice, with its dates pinned to the 成文日期', async () => {
    const a = await renderBulletinDocx(sampleSnapshot());
    const b = await renderBulletinDocx(sampleSnapshot());
    expect(Buffer.compare(a, b)).toBe(0);
    const core = (await (await JSZip.loadAsync(a)).file('docProps/core.xml')?.async('string')) ?? '';
    expect(core).toContain('2026-11-05T00:00:00Z</dcterms:created>');
    expect(core).toContain('2026-11-05T00:00:00Z</dcterms:modified>');
  });

  it('renders a bulletin with nothing to list, no scores, no 文号 and a correction note', async () => {
    const s = sampleSnapshot({
      docNumber: null,
      scores: null,
      redList: [],
      blackList: [],
      blankUnits: [],
      stalledProjects: [],
      missingReports: [],
      city: [],
      version: 2,
      reason: '更正城关镇9月到位资金',
    });
    const txt = docxToText(await renderBulletinDocx(s), 'empty');
    expect(txt).toContain('（第2版，更正原因：更正城关镇9月到位资金）');
    expect(txt).toContain('本期无交白卷单位。');
    expect(txt).toContain('本期无停滞项目。');
    expect(txt).not.toContain('考核得分及排名');
  });
});

describe('bulletin .xlsx', () => {
  it('has a 说明 sheet and one sheet per table, with Chinese headers and exact numbers', async () => {
    const buf = await renderBulletinXlsx(sampleSnapshot());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '说明',
      '签约项目数',
      '签约额',
      '实际使用外资',
      '开工率',
      '项目均额',
      '考核得分',
      '红黑榜',
      '交白卷',
      '停滞项目',
      '月报缺报',
      '全市对比',
    ]);
    const cover = wb.getWorksheet('说明');
    const coverText = cover?.getSheetValues().flat().join('|') ?? '';
    expect(coverText).toContain('2026年10月');
    expect(coverText).toContain('83.33%');
    expect(coverText).toContain(sampleSnapshot().inputHash);

    const signed = wb.getWorksheet('签约额');
    expect(signed?.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(signed?.getRow(3).getCell(3).value).toBe('年度目标（万元）');
    // 城关镇 (first row): target 15 亿 → 150000 万元; this month 123,456,789 元 → 12345.6789 万元 exactly.
    const row = signed?.getRow(4);
    expect(row?.getCell(1).value).toBe('城关镇');
    expect(row?.getCell(3).value).toBe(150000);
    expect(row?.getCell(4).value).toBe(12345.6789);
    expect(row?.getCell(4).numFmt).toBe('#,##0.00');
    expect(row?.getCell(6).value).toBe(88.33);
    // The district total closes the table.
    const last = signed?.getRow(10);
    expect(last?.getCell(1).value).toBe('全区合计');
    expect(last?.getCell(5).value).toBe(509734.5728);

    const usd = wb.getWorksheet('实际使用外资');
    // 180,000,000 美分 = 180 万美元.
    expect(usd?.getRow(4).getCell(5).value).toBe(180);

    const scores = wb.getWorksheet('考核得分');
    expect(scores?.getRow(3).values).toContain('签约项目（40分）');
    const stalled = wb.getWorksheet('停滞项目');
    expect(stalled?.getRow(4).getCell(2).value).toBe('年产5万吨新型建材项目');
    expect(stalled?.getRow(4).getCell(6).value).toBe(35000);
  });

  it('renders the same bytes twice', async () => {
    const a = await renderBulletinXlsx(sampleSnapshot());
    const b = await renderBulletinXlsx(sampleSnapshot());
    expect(Buffer.compare(a, b)).toBe(0);
  });
});
