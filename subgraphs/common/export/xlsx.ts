import type * as ExcelJS from 'exceljs';
import { ExportTable, headingOf, ResolvedCell, resolveCell } from './columns';
import { neutralise } from './neutralise';
import { xmlSafe } from './xml-safe';

/** One sheet of a workbook: an export table under a name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one workbook holds sheets of different row types
export interface ExportSheet<R = any> extends ExportTable<R> {
  /** Sheet name; cut to Excel's 31 characters, without []:*?/\. */
  name: string;
}

const DATE_FORMAT = 'dd.mm.yyyy';
const DATE_TIME_FORMAT = 'dd.mm.yyyy hh:mm';

/**
 * A workbook (exceljs), one sheet per table: Russian headings in a bold, frozen first row, dates
 * and times as real dates (Excel serials with a dd.mm.yyyy format, times in the table's zone),
 * numbers as numbers, column widths from the content, text as plain string values, never a
 * formula, each text cell neutralised as in the CSV so that a copy pasted or saved as CSV stays
 * inert too. Characters XML 1.0 cannot carry (C0 controls other than tab and line breaks) are
 * dropped rather than breaking the file; validation refuses them in input anyway.
 */
export async function toXlsx(sheets: ReadonlyArray<ExportSheet>): Promise<Buffer> {
  // Loaded on the first export: some 580 modules a hub that never exports does not need to load.
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  workbook.creator = 'Хаб межведомственного взаимодействия';
  // A fixed date keeps the same table giving the same file.
  workbook.created = workbook.modified = new Date(Date.UTC(2000, 0, 1));
  const used = new Set<string>();
  for (const sheet of sheets) addSheet(workbook, uniqueName(sheet.name, used), sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, name: string, sheet: ExportSheet): void {
  const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  const headings = sheet.columns.map((column) => headingOf(column, sheet.timeZone));
  const header = worksheet.getRow(1);
  headings.forEach((heading, c) => {
    const cell = header.getCell(c + 1);
    cell.value = xmlSafe(neutralise(heading));
    cell.font = { bold: true };
    cell.alignment = { vertical: 'top', wrapText: true };
  });
  const longest = headings.map((heading) => lineLength(heading));
  sheet.rows.forEach((row, r) => {
    const line = worksheet.getRow(r + 2);
    sheet.columns.forEach((column, c) => {
      const resolved = resolveCell(column, row, sheet.timeZone);
      if (resolved === null) return;
      write(line.getCell(c + 1), resolved);
      longest[c] = Math.max(longest[c], resolved.kind === 'text' ? lineLength(resolved.text) : resolved.kind === 'number' ? String(resolved.value).length : resolved.text.length);
    });
  });
  worksheet.columns = sheet.columns.map((column, c) => ({ width: column.width ?? Math.min(60, Math.max(8, Math.ceil(longest[c] * 1.1) + 2)) }));
}

function write(cell: ExcelJS.Cell, resolved: Exclude<ResolvedCell, null>): void {
  cell.alignment = { vertical: 'top', wrapText: true };
  switch (resolved.kind) {
    case 'number':
      cell.value = resolved.value;
      return;
    case 'date':
      cell.value = resolved.date;
      cell.numFmt = DATE_FORMAT;
      return;
    case 'datetime':
      cell.value = resolved.date;
      cell.numFmt = DATE_TIME_FORMAT;
      return;
    default:
      // A string value is a string cell (exceljs writes a shared string), never {formula}.
      cell.value = xmlSafe(neutralise(resolved.text));
  }
}

/** Characters of the longest line. */
function lineLength(text: string): number {
  return Math.max(0, ...text.split('\n').map((line) => [...line].length));
}

/** Excel's rules for a sheet name: 1..31 characters, none of []:*?/\, no apostrophe at either end, unique in the book. */
function uniqueName(name: string, used: Set<string>): string {
  const cleaned =
    [
      ...name
        .replace(/[[\]:*?/\\]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^'+|'+$/g, ''),
    ]
      .slice(0, 31)
      .join('')
      .trim() || 'Лист';
  let candidate = cleaned;
  for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${[...cleaned].slice(0, 28).join('')} ${n}`;
  used.add(candidate.toLowerCase());
  return candidate;
}
