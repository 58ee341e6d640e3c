import { DataSource } from 'typeorm';
import { pseudonym } from '../../../auth/audit/audit-entry';
import { AccessLogEntry, AccessLogFilter, AuditCheckpoint } from '../types/audit.types';

type Row = { position: string; recorded_at: Date; body: Record<string, any> };

function toEntry(row: Row): AccessLogEntry {
  const b = row.body;
  return {
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

const CSV_COLUMNS: Array<[string, (e: AccessLogEntry) => string]> = [
  ['Дата и время', (e) => e.at.toISOString()],
  ['Кто (учётная запись)', (e) => e.username],
  ['Роль', (e) => e.roles.join(', ')],
  ['Ведомство', (e) => e.agency ?? ''],
  ['Система (клиент)', (e) => e.clientId],
  ['Сервис', (e) => e.service],
  ['Цель', (e) => e.purpose ?? ''],
  ['Номер дела', (e) => e.caseNumber ?? ''],
  ['Категории данных', (e) => e.categories.join(', ')],
  ['Основание', (e) => e.basis.join(', ')],
  ['Итог', (e) => e.outcome],
  ['Экстренный доступ', (e) => (e.emergency ? 'да' : 'нет')],
];

function csvCell(value: string): string {
  return /[";\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
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

  async search(filter: AccessLogFilter, first = 100, after = 0): Promise<AccessLogEntry[]> {
    const where: string[] = ['position > $1'];
    const params: unknown[] = [after];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.childId) add(`body @> ?::jsonb`, JSON.stringify({ subjects: [pseudonym(this.pseudonymKey, { kind: 'Child', id: filter.childId })] }));
    if (filter.familyId) add(`body @> ?::jsonb`, JSON.stringify({ subjects: [pseudonym(this.pseudonymKey, { kind: 'Family', id: filter.familyId })] }));
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
    const rows: Row[] = await this.dataSource.query(
      `SELECT position, recorded_at, body FROM audit.entry WHERE ${where.join(' AND ')} ORDER BY position LIMIT $${params.length}`,
      params,
    );
    return rows.map(toEntry);
  }

  async subjectReport(childId: string) {
    const entries = await this.search({ childId }, 1000);
    const csv = [CSV_COLUMNS.map(([h]) => h).join(';'), ...entries.map((e) => CSV_COLUMNS.map(([, get]) => csvCell(get(e))).join(';'))].join('\r\n');
    return { childId, entries, csv };
  }

  /** Emergency accesses whose entries no auditor has reviewed yet, with every request made on them. */
  async emergencyForReview() {
    const rows: Row[] = await this.dataSource.query(
      `SELECT position, recorded_at, body FROM audit.entry
       WHERE body @> '{"emergency": true}'::jsonb
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
    return rows.map((r: Record<string, any>) => ({ position: Number(r.position), hash: r.hash, signedAt: new Date(r.signed_at).toISOString(), keyId: r.key_id, signature: r.signature }));
  }
}
