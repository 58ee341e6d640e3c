import { AGENCY_CAPTIONS } from '../../../../schema/enums';
import { REGISTRATION_KINDS } from '../../../common/events/event-types';
import { ExportColumn, toCsv, toXlsx } from '../../../common/export';
import type { QuarterlyList } from './quarterly-list.service';
import { DISCREPANCY_CAPTIONS, Reconciliation, ReconciliationRow } from './reconciliation.service';

/**
 * The columns of the data bank's quarterly exports, declared once for their CSV and XLSX (the
 * export module's rules: README, "Exports"). Appendix 8's headings are the regulation's, verbatim;
 * the list's rows hold text, the dates of registration and removal are real dates.
 */
type ListRow = ReadonlyArray<string | null>;

const LIST_TYPES: ReadonlyArray<ExportColumn['type']> = ['number', 'text', 'text', 'text', 'text', 'text', 'text', 'date', 'date', 'text'];
const LIST_WIDTHS = [6, 14, 32, 40, 48, 36, 48, 14, 14, 36];

function listColumns(headings: readonly string[]): Array<ExportColumn<ListRow>> {
  return headings.map((heading, c) => ({
    key: `c${c + 1}`,
    heading,
    type: LIST_TYPES[c] ?? 'text',
    width: LIST_WIDTHS[c],
    // Graph 1 is the row's number: a number in the sheet.
    value: (row) => (c === 0 && row[c] !== null && /^\d+$/.test(row[c]!) ? Number(row[c]) : row[c]),
  }));
}

/** The list of appendix 8 as CSV and XLSX (the table on the first sheet, the notes on the second). */
export async function quarterlyListFiles(list: Pick<QuarterlyList, 'headings' | 'rows' | 'notes' | 'year' | 'quarter'>): Promise<{ csv: string; xlsx: Buffer }> {
  const columns = listColumns(list.headings);
  return {
    csv: toCsv({ columns, rows: list.rows }),
    xlsx: await toXlsx([
      { name: `Список СОП ${list.quarter} кв. ${list.year}`, columns, rows: list.rows },
      { name: 'Пояснения', columns: NOTE_COLUMNS, rows: list.notes.map((note) => ({ note })) },
    ]),
  };
}

const NOTE_COLUMNS: ReadonlyArray<ExportColumn<{ note: string }>> = [{ key: 'note', heading: 'Пояснения', type: 'text', width: 100 }];

type NumberedRow = ReconciliationRow & { n: number };

// Functions, not constants: the services import this file and it reads their captions (no load-order trap).
const reconciliationColumns = (): ReadonlyArray<ExportColumn<NumberedRow>> => [
  { key: 'n', heading: '№ п/п', type: 'number', width: 6 },
  { key: 'agency', heading: 'Ведомство', type: 'text', captions: AGENCY_CAPTIONS },
  { key: 'kind', heading: 'Расхождение', type: 'text', captions: DISCREPANCY_CAPTIONS },
  { key: 'explanation', heading: 'Пояснение', type: 'text', width: 60 },
  { key: 'childFullName', heading: 'ФИО несовершеннолетнего', type: 'text' },
  { key: 'childBirthDate', heading: 'Дата рождения', type: 'date' },
  { key: 'familyId', heading: 'Семья (идентификатор в банке данных)', type: 'text' },
  { key: 'caseNumber', heading: 'Дело КДН', type: 'text' },
  { key: 'registrationKind', heading: 'Вид учёта в ведомстве', type: 'text', captions: REGISTRATION_KINDS },
  { key: 'agencyRegisteredOn', heading: 'Дата постановки на учёт в ведомстве', type: 'date' },
  { key: 'bankIncludedOn', heading: 'Дата постановки в банк данных', type: 'date' },
  { key: 'bankRemovedOn', heading: 'Дата снятия с учёта в банке данных', type: 'date' },
];

/** The reconciliation's discrepancies as CSV and XLSX (discrepancies, totals per agency, notes). */
export async function reconciliationFiles(result: Pick<Reconciliation, 'rows' | 'summary' | 'otherRegistrations' | 'notes' | 'year' | 'quarter'>): Promise<{ csv: string; xlsx: Buffer }> {
  const rows = result.rows.map((row, i) => ({ ...row, n: i + 1 }));
  const columns = reconciliationColumns();
  return {
    csv: toCsv({ columns, rows }),
    xlsx: await toXlsx([
      { name: `Сверка ${result.quarter} кв. ${result.year}`, columns, rows },
      { name: 'Итоги по ведомствам', columns: summaryColumns(), rows: result.summary },
      // Not SOP, so not discrepancies (like with like): listed apart for the operator's information.
      { name: 'Иные учёты (не СОП)', columns: otherRegistrationColumns(), rows: result.otherRegistrations.map((row, i) => ({ ...row, n: i + 1, inRegister: row.inRegister ? 'да' : 'нет' })) },
      { name: 'Пояснения', columns: NOTE_COLUMNS, rows: result.notes.map((note) => ({ note })) },
    ]),
  };
}

const summaryColumns = (): ReadonlyArray<ExportColumn<Reconciliation['summary'][number]>> => [
  { key: 'agency', heading: 'Ведомство', type: 'text', captions: AGENCY_CAPTIONS },
  { key: 'missingRegistration', heading: DISCREPANCY_CAPTIONS.MISSING_AGENCY_REGISTRATION, type: 'number' },
  { key: 'notInRegister', heading: DISCREPANCY_CAPTIONS.NOT_IN_REGISTER, type: 'number' },
  { key: 'removedButOpen', heading: DISCREPANCY_CAPTIONS.REMOVED_BUT_OPEN, type: 'number' },
  { key: 'total', heading: 'Всего расхождений', type: 'number' },
];

type OtherRow = Omit<Reconciliation['otherRegistrations'][number], 'inRegister'> & { n: number; inRegister: string };

const otherRegistrationColumns = (): ReadonlyArray<ExportColumn<OtherRow>> => [
  { key: 'n', heading: '№ п/п', type: 'number', width: 6 },
  { key: 'agency', heading: 'Ведомство', type: 'text', captions: AGENCY_CAPTIONS },
  { key: 'registrationKind', heading: 'Вид учёта в ведомстве', type: 'text', captions: REGISTRATION_KINDS },
  { key: 'childFullName', heading: 'ФИО несовершеннолетнего', type: 'text' },
  { key: 'childBirthDate', heading: 'Дата рождения', type: 'date' },
  { key: 'agencyRegisteredOn', heading: 'Дата постановки на учёт в ведомстве', type: 'date' },
  { key: 'inRegister', heading: 'Семья в банке данных СОП', type: 'text' },
];
