import type { EntityMetadata, ObjectLiteral } from 'typeorm';
import type { AuditSubject } from './audit-entry';

/**
 * What a transaction changed, as far as the write entry tells it: the tables its statements
 * wrote (from the SQL, so raw `em.query('INSERT ...')` counts too) and the children and families
 * of the rows TypeORM wrote (from its entity events). Names and ids only, never values.
 */

const NAME = String.raw`(?:"[^"]+"|[\w$]+)(?:\.(?:"[^"]+"|[\w$]+))?`;
const VERB = String.raw`(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO|TRUNCATE(?:\s+TABLE)?)\s+(?:ONLY\s+)?(${NAME})`;
const PLAIN = new RegExp(String.raw`^${VERB}`, 'i');
// A data-modifying CTE (`WITH moved AS (UPDATE ...)`) or the statement after the CTEs; a SELECT ... FOR UPDATE is neither.
const IN_CTE = new RegExp(String.raw`^WITH\b[\s\S]*?[()]\s*${VERB}`, 'i');
const LEADING_COMMENTS = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;

/** The table a statement writes (no schema, no quotes), or null for a statement that writes nothing by its form. */
export function writtenTable(sql: string): string | null {
  const text = sql.replace(LEADING_COMMENTS, '');
  const match = PLAIN.exec(text) ?? IN_CTE.exec(text);
  if (!match) return null;
  const parts = match[1].split('.');
  return parts[parts.length - 1].replace(/"/g, '');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The hub's naming: rows about a child or a family carry `child_id` / `family_id`. */
const SUBJECT_COLUMNS: Record<string, AuditSubject['kind']> = { child_id: 'Child', family_id: 'Family' };
/** The bank's own identity rows, whose id is the subject (a person is logged as Child, as registerPerson's entry does). */
const SUBJECT_TABLES: Record<string, AuditSubject['kind']> = { person: 'Child', family: 'Family' };

/** The children and families a written row is about, read through the entity's column metadata. */
export function subjectsOfRow(metadata: EntityMetadata, row: ObjectLiteral | undefined | null): AuditSubject[] {
  if (!row) return [];
  const subjects: AuditSubject[] = [];
  for (const column of metadata.columns) {
    const kind = SUBJECT_COLUMNS[column.databaseName] ?? (column.isPrimary ? SUBJECT_TABLES[metadata.tableName] : undefined);
    if (!kind) continue;
    const value: unknown = column.getEntityValue(row);
    if (typeof value === 'string' && UUID.test(value)) subjects.push({ kind, id: value.toLowerCase() });
  }
  return subjects;
}
