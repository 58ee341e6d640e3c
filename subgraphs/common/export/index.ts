/** The one export module: every CSV and XLSX the hub gives out is made here (see README, "Exports"). */
export type { ColumnType, ExportColumn, ExportTable, ResolvedCell } from './columns';
export { toCsv } from './csv';
export type { ExportSheet } from './xlsx';
export { toXlsx } from './xlsx';
export { FORMULA_TRIGGERS, isFormulaLike, neutralise } from './neutralise';
export type { ExportTimeZone } from './time-zones';
export { MOSCOW_TIME, timeZoneOfMunicipality, VLADIVOSTOK_TIME } from './time-zones';
export type { DocumentBlock, DocumentSignature, DocumentSpec, DocumentValue } from './docx';
export { printedDate, toDocx, writtenDate } from './docx';
