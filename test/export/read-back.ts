import ExcelJS from 'exceljs';

/**
 * Reading exports back as a spreadsheet would: the CSV (byte order mark, `;`, CRLF, "" inside
 * quoted fields) and the XLSX (with exceljs, every cell with its type, formula or not).
 */
export function parseCsv(text: string): string[][] {
  if (!text.startsWith('\uFEFF')) throw new Error('the CSV has no byte order mark');
  const body = text.slice(1);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  // The last record ends with CRLF too: nothing is left over.
  if (field !== '' || record.length) throw new Error('the CSV does not end with CRLF');
  return records;
}

export interface SheetCell {
  value: ExcelJS.CellValue;
  type: ExcelJS.ValueType;
  numFmt: string | undefined;
  formula: string | undefined;
}

export interface ReadSheet {
  name: string;
  frozenRows: number;
  rows: SheetCell[][];
}

export async function readXlsx(data: Buffer | string): Promise<ReadSheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((typeof data === 'string' ? Buffer.from(data, 'base64') : data) as unknown as ExcelJS.Buffer);
  return workbook.worksheets.map((sheet) => {
    const rows: SheetCell[][] = [];
    const width = sheet.columnCount;
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      rows.push(
        Array.from({ length: width }, (_, c) => {
          const cell = row.getCell(c + 1);
          return { value: cell.value, type: cell.type, numFmt: cell.numFmt, formula: cell.formula || undefined };
        }),
      );
    }
    const view = sheet.views[0] as { state?: string; ySplit?: number } | undefined;
    return { name: sheet.name, frozenRows: view?.state === 'frozen' ? (view.ySplit ?? 0) : 0, rows };
  });
}

/** Every cell of every sheet that would be a formula: must be none. */
export function formulas(sheets: ReadSheet[]): SheetCell[] {
  return sheets.flatMap((s) => s.rows.flat()).filter((cell) => cell.type === ExcelJS.ValueType.Formula || cell.formula !== undefined);
}

/**
 * A DOCX read back as a person reads it: the paragraphs' text in order (a table cell's paragraphs
 * too), one string per paragraph, and whether anything but text (a field code, a macro) is inside.
 */
export async function readDocx(data: Buffer | string): Promise<{ paragraphs: string[]; text: string; hasFieldCodes: boolean; files: string[] }> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(typeof data === 'string' ? Buffer.from(data, 'base64') : data);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => t[1])
      .join('')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
  return { paragraphs, text: paragraphs.join('\n'), hasFieldCodes: /<w:(?:fldSimple|instrText)/.test(xml), files: Object.keys(zip.files) };
}
