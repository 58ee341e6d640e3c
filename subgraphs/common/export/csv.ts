import { stringify } from 'csv-stringify/sync';
import { ExportTable, headingOf, resolveCell } from './columns';
import { neutralise } from './neutralise';

/**
 * The project's CSV, as Excel in a Russian locale opens it with a double click: UTF-8 with a byte
 * order mark, `;` between fields (the list separator of the Russian locale, where `,` is the
 * decimal mark), CRLF after every record, Russian headings, dates as dd.mm.yyyy and times as
 * dd.mm.yyyy hh:mm in the table's zone, decimal comma, enumeration codes as their captions, and
 * every text cell that could start a formula neutralised (see neutralise.ts). Numbers are written
 * as numbers: a genuine negative number keeps its minus.
 */
export function toCsv<R>(table: ExportTable<R>): string {
  const { columns, rows, timeZone } = table;
  const records = rows.map((row) =>
    columns.map((column) => {
      const cell = resolveCell(column, row, timeZone);
      if (cell === null) return '';
      if (cell.kind === 'number') return cell.value;
      if (cell.kind === 'text') return neutralise(cell.text);
      return cell.text;
    }),
  );
  return stringify(records, {
    bom: true,
    delimiter: ';',
    record_delimiter: '\r\n',
    header: true,
    columns: columns.map((column) => ({ key: String(columns.indexOf(column)), header: neutralise(headingOf(column, timeZone)) })),
    // Ours already neutralised text; csv-stringify's own check is kept as a second line (it skips numbers).
    escape_formulas: true,
    cast: { number: (value) => String(value).replace('.', ',') },
  });
}
