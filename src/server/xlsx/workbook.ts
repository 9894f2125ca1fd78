import ExcelJS from 'exceljs';

// A cell that begins with = + - @ (or a tab / carriage return) could run as a formula in Excel or WPS
// (formula injection). Every text value is written as a string cell — never a formula — and those cells also
// get the Text number format (@), so editing the cell later does not turn it into a formula either. The
// value itself is kept exactly as the user typed it.
const FORMULA_LIKE = /^[=+\-@\t\r]/;

export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | Date | null;
  /** Excel number format for numeric columns, e.g. '#,##0.00'. */
  numFmt?: string;
}

export async function writeSheet<T>(
  sheetName: string,
  columns: SheetColumn<T>[],
  rows: Iterable<T>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '招商调度';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) {
    const r = ws.addRow(columns.map((c) => c.value(row)));
    columns.forEach((c, i) => {
      const cell = r.getCell(i + 1);
      if (typeof cell.value === 'string' && FORMULA_LIKE.test(cell.value)) cell.numFmt = '@';
      else if (c.numFmt && typeof cell.value === 'number') cell.numFmt = c.numFmt;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
