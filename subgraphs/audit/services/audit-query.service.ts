import { DataSource } from 'typeorm';
import { pseudonym } from '../../../auth/audit/audit-entry';
import { AccessLogEntry, AccessLogFilter, AuditCheckpoint } from '../types/audit.types';
import { SubjectAccessEntry, subjectAccessCsv, subjectAccessZone } from './subject-access.export';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the entry body is JSON written by every version of the log
type Row = { position: string; recorded_at: Date; body: Record<string, any> };

function toEntry(row: Row): SubjectAccessEntry {
  const b = row.body;
  return {
    // Not GraphQL fields: what the subject access report needs to name the organisation and the region's time.
    organisation: b.organisation ?? null,
    territories: b.territories ?? null,
    position: Number(row.position),
    at: new Date(b.at ?? row.recorded_at),
    service: b.service,
    requestId: b.requestId,
    sub: b.sub,
    username: b.username,
    roles: b.roles ?? [],
    agency: b.agency ?? null,
    clientId: b.clientId,
    operationName: b.operationName ?? null,
    purpose: b.purpose ?? null,
    caseNumber: b.caseNumber ?? null,
    categories: b.categories ?? [],
    fields: b.fields ?? [],
    basis: b.basis ?? [],
    denied: b.denied ?? [],
    outcome: b.outcome,
    emergency: b.emergency === true,
    searches: b.searches ?? [],
  };
}

/**
 * The auditors' reading of the access log. Subjects are stored pseudonymised; a search by child
 * or family computes the same HMAC and looks it up in the entries.
 */
export class AuditQueryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pseudonymKey: string,
  ) {}

  async search(filter: AccessLogFilter, first = 100, after = 0): Promise<SubjectAccessEntry[]> {
    const where: string[] = ['position > $1'];
    const params: unknown[] = [after];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    // As the index entry_subjects reads them (auth/audit/audit.migration.ts).
    if (filter.childId) add(`body->'subjects' @> ?::jsonb`, JSON.stringify([pseudonym(this.pseudonymKey, { kind: 'Child', id: filter.childId })]));
    if (filter.familyId) add(`body->'subjects' @> ?::jsonb`, JSON.stringify([pseudonym(this.pseudonymKey, { kind: 'Family', id: filter.familyId })]));
    if (filter.actor) {
      params.push(filter.actor);
      where.push(`(body->>'sub' = $${params.length} OR body->>'username' = $${params.length})`);
    }
    if (filter.agency) add(`body->>'agency' = ?`, filter.agency);
    if (filter.outcome) add(`body->>'outcome' = ?`, filter.outcome);
    if (filter.purpose) add(`body->>'purpose' = ?`, filter.purpose);
    if (filter.from) add(`recorded_at >= ?`, filter.from);
    if (filter.to) add(`recorded_at < ?`, filter.to);
    params.push(Math.min(Math.max(first, 1), 1000));
    const rows: Row[] = await this.dataSource.query(`SELECT position, recorded_at, body FROM audit.entry WHERE ${where.join(' AND ')} ORDER BY position LIMIT $${params.length}`, params);
    return rows.map(toEntry);
  }

  /** For a parent: the entries, and the CSV of the export module in the child's region's time (`municipality`, or inferred: subject-access.export.ts). */
  async subjectReport(childId: string, municipality: string | null = null) {
    const entries = await this.search({ childId }, 1000);
    const zone = subjectAccessZone(entries, municipality);
    return { childId, entries, csv: subjectAccessCsv(entries, zone), timeZone: zone.caption };
  }

  /** Emergency accesses whose entries no auditor has reviewed yet, with every request made on them. */
  async emergencyForReview() {
    const rows: Row[] = await this.dataSource.query(
      `SELECT position, recorded_at, body FROM audit.entry
       WHERE body @> '{"emergency": true}'::jsonb -- the predicate of the partial index entry_emergency
         AND NOT EXISTS (SELECT 1 FROM audit.emergency_review r WHERE body->'basis' ? ('emergency:' || r.emergency_id))
       ORDER BY position`,
    );
    const byId = new Map<string, AccessLogEntry[]>();
    for (const entry of rows.map(toEntry)) {
      for (const basis of entry.basis.filter((b) => b.startsWith('emergency:'))) {
        const id = basis.slice('emergency:'.length);
        byId.set(id, [...(byId.get(id) ?? []), entry]);
      }
    }
    return [...byId.entries()].map(([emergencyId, entries]) => ({ emergencyId, entries }));
  }

  async review(emergencyId: string, reviewer: string, note: string): Promise<void> {
    // In a transaction, as every write of a request: its access-log entry commits with it (auth/audit/write-audit-subscriber.ts).
    await this.dataSource.transaction((em) =>
      em.query(`INSERT INTO audit.emergency_review (emergency_id, reviewed_by, note) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [emergencyId, reviewer, note]),
    );
  }

  async checkpoints(last: number): Promise<AuditCheckpoint[]> {
    const rows = await this.dataSource.query(`SELECT position, hash, signed_at, key_id, signature FROM audit.checkpoint ORDER BY position DESC LIMIT $1`, [last]);
    return rows.map((r: { position: string; hash: string; signed_at: Date; key_id: string; signature: string }) => ({
      position: Number(r.position),
      hash: r.hash,
      signedAt: new Date(r.signed_at).toISOString(),
      keyId: r.key_id,
      signature: r.signature,
    }));
  }
}
