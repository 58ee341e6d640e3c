import { DataSource } from 'typeorm';
import type { ExpectedRecord } from '../../common/agency/records.snapshot';

/**
 * How one expected record stands in the bank's agency_record:
 * - SAME: held with that state (compared as jsonb: key order does not matter) and envelope;
 * - MISSING: not held;
 * - DIFFERENT: held with another state, aggregate type, child or family;
 * - UNCHECKED: held, but the source can no longer tell its state (ExpectedRecord.payload null);
 * - NONE: not held, and the source cannot tell whether it should be (nothing to report).
 */
export type RecordStatus = 'SAME' | 'MISSING' | 'DIFFERENT' | 'UNCHECKED' | 'NONE';

export interface Compared {
  status: RecordStatus;
  /** DIFFERENT only: the bank's state, for the report. */
  held?: Record<string, unknown>;
  /** DIFFERENT only: the bank's position of the record. */
  position?: string;
}

/** A record the bank holds for a source that no source row accounts for. */
export interface ExtraRecord {
  aggregateId: string;
  aggregateType: string;
  childId: string | null;
  eventType: string;
  position: string;
  updatedAt: string;
}

/**
 * The bank's side of the resync (scripts/resync.ts), with the bank's own role: compares what the
 * agencies' tables say the bank should hold with agency_record, a page at a time, and finds the
 * records nobody accounts for. Reads only; the repair goes through the agencies' outboxes.
 */
export class ResyncService {
  constructor(private readonly bank: DataSource) {}

  /** The database's clock: records changed at or after it are left out of the extra pass (changed during the run). */
  async now(): Promise<string> {
    // As text: a JS Date would cut the microseconds, and a record changed in the same millisecond before the run would be left out.
    const [row] = await this.bank.query(`SELECT clock_timestamp()::text AS now`);
    return row.now;
  }

  /** Classifies one page of a source's expected records (aligned with `records`), in one statement. */
  async compare(source: string, records: readonly ExpectedRecord[]): Promise<Compared[]> {
    if (records.length === 0) return [];
    const expected = records.map((r, i) => ({ i, id: r.aggregateId, type: r.aggregateType, child: r.childId, family: r.familyId, state: r.payload }));
    const rows: Array<{ i: number; held: boolean; same: boolean | null; state: Record<string, unknown> | null; position: string | null }> = await this.bank.query(
      `SELECT e.i, r.aggregate_id IS NOT NULL AS held,
              (r.state = e.state AND r.aggregate_type = e.type AND r.child_id IS NOT DISTINCT FROM e.child AND r.family_id IS NOT DISTINCT FROM e.family) AS same,
              CASE WHEN e.state IS NOT NULL AND r.state IS DISTINCT FROM e.state THEN r.state END AS state,
              r.position::text AS position
         FROM jsonb_to_recordset($2::jsonb) AS e(i int, id uuid, type text, child uuid, family uuid, state jsonb)
         LEFT JOIN agency_record r ON r.source = $1 AND r.aggregate_id = e.id`,
      [source, JSON.stringify(expected)],
    );
    const out: Compared[] = new Array(records.length);
    for (const row of rows) {
      const unknownState = records[row.i].payload === null;
      if (!row.held) out[row.i] = { status: unknownState ? 'NONE' : 'MISSING' };
      else if (unknownState) out[row.i] = { status: 'UNCHECKED' };
      else if (row.same) out[row.i] = { status: 'SAME' };
      else out[row.i] = { status: 'DIFFERENT', held: row.state ?? undefined, position: row.position ?? undefined };
    }
    return out;
  }

  /** Which of these events the bank's inbox holds (applied, superseded or rejected). */
  async received(eventIds: readonly string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows: Array<{ event_id: string }> = await this.bank.query(`SELECT event_id::text FROM inbox WHERE event_id = ANY($1::uuid[])`, [eventIds]);
    return new Set(rows.map((r) => r.event_id));
  }

  /**
   * The anti-join: the source's records in the bank, streamed in pages of aggregate id, that are
   * not in `seen` (every aggregate id the run read from the source) and were last changed before
   * `before` (a record the source created while the run went on is not an orphan). Memory stays
   * that of `seen` and one page. All are counted; the first `limit` are listed.
   */
  async extras(source: string, seen: ReadonlySet<string>, before: string, limit: number, pageSize = 10_000): Promise<{ count: number; listed: ExtraRecord[] }> {
    const listed: ExtraRecord[] = [];
    let count = 0;
    let after: string | null = null;
    for (;;) {
      const rows: Array<{ aggregate_id: string; aggregate_type: string; child_id: string | null; event_type: string; position: string; updated_at: Date; old: boolean }> = await this.bank.query(
        `SELECT aggregate_id::text, aggregate_type, child_id::text, event_type, position::text, updated_at, updated_at < $3::timestamptz AS old
             FROM agency_record WHERE source = $1 AND ($2::uuid IS NULL OR aggregate_id > $2::uuid) ORDER BY aggregate_id LIMIT $4`,
        [source, after, before, pageSize],
      );
      for (const row of rows) {
        if (!row.old || seen.has(row.aggregate_id)) continue;
        count++;
        if (listed.length < limit) {
          listed.push({
            aggregateId: row.aggregate_id,
            aggregateType: row.aggregate_type,
            childId: row.child_id,
            eventType: row.event_type,
            position: row.position,
            updatedAt: new Date(row.updated_at).toISOString(),
          });
        }
      }
      if (rows.length < pageSize) return { count, listed };
      after = rows[rows.length - 1].aggregate_id;
    }
  }
}

/** Top-level payload keys whose values differ (as JSON, key order aside): what a person looks at first. */
export function differingKeys(expected: Record<string, unknown>, held: Record<string, unknown> | undefined): string[] {
  if (!held) return ['(envelope)'];
  const keys = new Set([...Object.keys(expected), ...Object.keys(held)]);
  const differing = [...keys].filter((key) => canonical(expected[key]) !== canonical(held[key])).sort();
  return differing.length ? differing : ['(envelope)'];
}

function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const object = value as Record<string, unknown>;
  return `{${Object.keys(object)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(object[key])}`)
    .join(',')}}`;
}
