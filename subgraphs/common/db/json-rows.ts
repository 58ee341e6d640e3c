import { DataSource, EntityMetadata, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Several entity sets in one SQL statement: each set comes back as a JSON array (json_agg), and
 * is turned back into the same entity instances a repository `find` returns. Hot read paths (the
 * case view) use it to pay one statement per request instead of one per table.
 */

/** pg hands numeric and bigint over as strings; JSON would make them floats. Keep them exact. */
const AS_TEXT = new Set(['numeric', 'decimal', 'bigint', 'int8', 'money']);

function typeName(column: ColumnMetadata): string {
  return typeof column.type === 'string' ? column.type : '';
}

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function tableOf(metadata: EntityMetadata): string {
  return metadata.schema ? `${quoted(metadata.schema)}.${quoted(metadata.tableName)}` : quoted(metadata.tableName);
}

/** The JSON of one row under alias `t`, exact for numeric columns. */
export function rowJson(metadata: EntityMetadata, alias = 't'): string {
  const exact = metadata.columns.filter((c) => AS_TEXT.has(typeName(c)));
  if (exact.length === 0) return `to_jsonb(${alias})`;
  return `(to_jsonb(${alias}) || jsonb_build_object(${exact.map((c) => `'${c.databaseName}', ${alias}.${quoted(c.databaseName)}::text`).join(', ')}))`;
}

/** `ORDER BY` over entity property names, as TypeORM's `find({ order })` would write it. */
export function orderSql(metadata: EntityMetadata, order: Record<string, 'ASC' | 'DESC'>, alias = 't'): string {
  const parts = Object.entries(order).map(([property, direction]) => {
    const column = metadata.findColumnWithPropertyPath(property);
    if (!column) throw new Error(`${metadata.name}: no column for order property ${property}`);
    return `${alias}.${quoted(column.databaseName)} ${direction}`;
  });
  return parts.length ? ` ORDER BY ${parts.join(', ')}` : '';
}

/**
 * A scalar subquery yielding the set as a JSON array (never null). `where` is SQL over alias `t`
 * with the statement's own parameters.
 */
export function jsonSetSql(dataSource: DataSource, entity: new () => ObjectLiteral, where: string, order: Record<string, 'ASC' | 'DESC'> = {}): string {
  const metadata = dataSource.getMetadata(entity);
  return `(SELECT coalesce(json_agg(${rowJson(metadata)}${orderSql(metadata, order)}), '[]'::json) FROM ${tableOf(metadata)} t WHERE ${where})`;
}

function hydrateValue(dataSource: DataSource, column: ColumnMetadata, value: unknown): unknown {
  const type = typeName(column);
  // Arrays and JSON documents arrive already parsed; only a transformer may still apply.
  if (value !== null && value !== undefined && (Array.isArray(value) || type === 'json' || type === 'jsonb')) {
    return column.transformer ? dataSource.driver.prepareHydratedValue(value, Object.assign(Object.create(column), { type: 'jsonb' })) : value;
  }
  return dataSource.driver.prepareHydratedValue(value, column);
}

/** Rows of a JSON set back into entity instances, column by column, as the repository would hydrate them. */
export function hydrateRows<T extends ObjectLiteral>(dataSource: DataSource, entity: new () => T, rows: ReadonlyArray<Record<string, unknown>>): T[] {
  const metadata = dataSource.getMetadata(entity);
  return rows.map((row) => {
    const instance = metadata.create() as T;
    for (const column of metadata.columns) {
      if (!(column.databaseName in row)) continue;
      column.setEntityValue(instance, hydrateValue(dataSource, column, row[column.databaseName]));
    }
    return instance;
  });
}
