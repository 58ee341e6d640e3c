import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { xmlSafe } from './xml-safe';

/**
 * Documents signed on paper (the conclusion, the information message, the account card, the
 * programme, the patronage sheet, the inspection act, the представление and the ходатайство) as
 * DOCX: a secretary opens it in Word or LibreOffice, corrects a line if she must, prints and signs.
 * DOCX rather than PDF because these forms are edited before signing and no font has to be
 * embedded for Cyrillic: Times New Roman is on every office machine that opens the file.
 */
export interface DocumentSpec {
  /** The seed's caption of the form, printed small at the top right ("Приложение 2 к Порядку ..."). */
  form?: string;
  /** Lines at the top right under the caption: approval stamp, addressee, sender. */
  header?: string[];
  /** The form's name as printed, e.g. «ЗАКЛЮЧЕНИЕ». */
  title: string;
  subtitle?: string;
  blocks: DocumentBlock[];
  /** Signature lines at the end: caption (position), name, date. */
  signatures?: DocumentSignature[];
}

export interface DocumentSignature {
  caption: string;
  name?: string | null;
  date?: string | null;
}

export type DocumentBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** Two columns: the form's label and what was filled in (blank when nothing was). */
  | { kind: 'fields'; rows: ReadonlyArray<readonly [string, DocumentValue]> }
  | { kind: 'table'; headings: string[]; rows: ReadonlyArray<ReadonlyArray<DocumentValue>> };

export type DocumentValue = string | number | null | undefined;

const FONT = 'Times New Roman';
const SIZE = 24; // half-points: 12 pt
const SMALL = 20;
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 850 }; // 2 cm, 3 cm left, 1.5 cm right

/** A fixed creation date keeps the same data giving the same file. */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

export async function toDocx(spec: DocumentSpec): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  if (spec.form) children.push(right(spec.form, SMALL));
  for (const line of spec.header ?? []) children.push(right(line, SIZE));
  children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: spec.subtitle ? 60 : 240 }, children: [run(spec.title, { bold: true })] }));
  if (spec.subtitle) children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(spec.subtitle)] }));
  for (const block of spec.blocks) children.push(...renderBlock(block));
  for (const signature of spec.signatures ?? []) children.push(...renderSignature(signature));
  const document = new Document({
    creator: 'Хаб межведомственного взаимодействия',
    title: spec.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [{ properties: { page: { size: A4, margin: MARGIN } }, children }],
  });
  const buffer = await Packer.toBuffer(document);
  return fixDates(buffer);
}

/** A date as the forms print it: DD.MM.YYYY (from YYYY-MM-DD). */
export function printedDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
}

function renderBlock(block: DocumentBlock): Array<Paragraph | Table> {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ spacing: { before: 240, after: 120 }, keepNext: true, children: [run(block.text, { bold: true })] })];
    case 'paragraph':
      return text(block.text)
        .split('\n')
        .map((line) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { after: 120 }, children: [run(line)] }));
    case 'fields':
      return [
        grid(
          [],
          block.rows.map(([label, value]) => [label, value]),
          [40, 60],
        ),
        spacer(),
      ];
    case 'table':
      return [grid(block.headings, block.rows), spacer()];
  }
}

function grid(headings: string[], rows: ReadonlyArray<ReadonlyArray<DocumentValue>>, percents?: number[]): Table {
  const columns = Math.max(headings.length, ...rows.map((r) => r.length), 1);
  const widths = percents ?? Array.from({ length: columns }, () => Math.floor(100 / columns));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const cell = (value: DocumentValue, c: number, bold = false) =>
    new TableCell({
      width: { size: widths[c] ?? widths[widths.length - 1], type: WidthType.PERCENTAGE },
      children: text(value)
        .split('\n')
        .map((line) => new Paragraph({ children: [run(line, { bold })] })),
    });
  const tableRows: TableRow[] = [];
  if (headings.length) tableRows.push(new TableRow({ tableHeader: true, children: headings.map((h, c) => cell(h, c, true)) }));
  for (const row of rows) tableRows.push(new TableRow({ cantSplit: true, children: Array.from({ length: columns }, (_, c) => cell(row[c], c)) }));
  if (tableRows.length === 0) tableRows.push(new TableRow({ children: [cell('', 0)] }));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: tableRows,
  });
}

function renderSignature(signature: DocumentSignature): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 360 }, children: [run(signature.caption)] }),
    new Paragraph({ children: [run(`_______________ / ${text(signature.name) || '_______________'} /`)] }),
    new Paragraph({ children: [run(signature.date ? writtenDate(signature.date) : '«___» __________ 20__ г.', { size: SMALL })] }),
  ];
}

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** A date as it is written under a signature: «01» декабря 2026 г. (from DD.MM.YYYY or YYYY-MM-DD). */
export function writtenDate(date: string): string {
  const [d, m, y] = /^\d{4}-/.test(date) ? date.slice(0, 10).split('-').reverse() : date.split('.');
  return `«${d}» ${MONTHS[Number(m) - 1]} ${y} г.`;
}

function right(line: string, size: number): Paragraph {
  return new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(line, { size })] });
}

function spacer(): Paragraph {
  return new Paragraph({ children: [] });
}

function run(value: string, options: { bold?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text: text(value), font: FONT, bold: options.bold, size: options.size ?? SIZE });
}

/** A document has no formulas, so a leading "=" stays what the person typed; only XML's limits apply. */
function text(value: DocumentValue): string {
  if (value === null || value === undefined) return '';
  return xmlSafe(String(value));
}

/** docx stamps the current time into docProps/core.xml; the same data gives the same bytes. */
async function fixDates(buffer: Buffer): Promise<Buffer> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(buffer);
  const core = zip.file('docProps/core.xml');
  if (!core) return buffer;
  const stamp = FIXED_DATE.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const xml = (await core.async('string')).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`);
  zip.file('docProps/core.xml', xml);
  for (const file of Object.values(zip.files)) file.date = FIXED_DATE;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
