import { ExportColumn, toCsv, toXlsx } from '../../../common/export';
import type { ReportRow, SourceFigure } from './monitoring-report.service';

/**
 * The monitoring report (Primorsky appendix 4) as CSV and XLSX, through the export module: the
 * figures are numbers. The appendix's one column «количество» counts minors for the signals (and
 * what each other row counts); the messages the signals came in are a column of their own. The
 * captions of the sub-rows begin with "- " as the appendix prints them; like any text cell
 * starting with "-" they are neutralised (an apostrophe in front), or a spreadsheet would read
 * them as a formula.
 */
const COLUMNS: ReadonlyArray<ExportColumn<ReportRow>> = [
  { key: 'code', heading: 'Код', type: 'text', width: 6 },
  { key: 'caption', heading: 'Показатель', type: 'text', width: 70 },
  { key: 'value', heading: 'Количество', type: 'number', width: 12 },
  { key: 'messages', heading: 'Сообщений', type: 'number', width: 12 },
  { key: 'note', heading: 'Примечание', type: 'text', width: 60 },
];

const SOURCE_COLUMNS: ReadonlyArray<ExportColumn<SourceFigure>> = [
  { key: 'caption', heading: 'Источник', type: 'text', width: 30 },
  { key: 'messages', heading: 'Сообщений', type: 'number', width: 12 },
  { key: 'minors', heading: 'Несовершеннолетних', type: 'number', width: 18 },
];

export function monitoringReportCsv(rows: readonly ReportRow[]): string {
  return toCsv({ columns: COLUMNS, rows });
}

export function monitoringReportXlsx(rows: readonly ReportRow[], sources: readonly SourceFigure[]): Promise<Buffer> {
  return toXlsx([
    { name: 'Мониторинг (приложение 4)', columns: COLUMNS, rows },
    { name: 'Источники сообщений', columns: SOURCE_COLUMNS, rows: sources },
  ]);
}
