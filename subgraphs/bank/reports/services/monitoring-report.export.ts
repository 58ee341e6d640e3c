import { ExportColumn, toCsv, toXlsx } from '../../../common/export';
import type { ReportRow } from './monitoring-report.service';

/**
 * The monitoring report (Primorsky appendix 4) as CSV and XLSX, through the export module: the
 * figures are numbers, a row the hub does not hold is empty with its note. The captions of the
 * sub-rows begin with "- " as the appendix prints them; like any text cell starting with "-" they
 * are neutralised (an apostrophe in front), or a spreadsheet would read them as a formula.
 */
const COLUMNS: ReadonlyArray<ExportColumn<ReportRow>> = [
  { key: 'code', heading: 'Код', type: 'text', width: 6 },
  { key: 'caption', heading: 'Показатель', type: 'text', width: 70 },
  { key: 'value', heading: 'Количество', type: 'number', width: 12 },
  { key: 'note', heading: 'Примечание', type: 'text', width: 50 },
];

export function monitoringReportCsv(rows: readonly ReportRow[]): string {
  return toCsv({ columns: COLUMNS, rows });
}

export function monitoringReportXlsx(rows: readonly ReportRow[]): Promise<Buffer> {
  return toXlsx([{ name: 'Мониторинг (приложение 4)', columns: COLUMNS, rows }]);
}
