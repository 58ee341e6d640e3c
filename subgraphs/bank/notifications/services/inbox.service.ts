import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../../../auth/principal';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';

export interface StreamNotification {
  id: string;
  seq: string;
  cursor: string;
  kind: string;
  caseId: string | null;
  childId: string | null;
  message: string;
  createdAt: Date;
  read: boolean;
}

export interface StreamPage {
  notifications: StreamNotification[];
  /** Where to continue: the last notification's cursor, or the cursor given when nothing is new. */
  endCursor: string;
  hasNextPage: boolean;
}

export interface StreamFilter {
  kinds: string[] | null;
  unreadOnly: boolean;
}

const PREFIX = 'n1.';

/**
 * Whose stream and whose read marks: a person reads the notifications of his or her organisation
 * and those addressed to him or her (the curator, by username), and keeps read marks of his or her
 * own; a system reads its organisation's, and its read marks are the organisation's, shared by
 * every system acting for it (its own and a regional one).
 */
interface Reader {
  organisation: string | null;
  agency: string | null;
  territories: readonly string[];
  username: string | null;
  key: string;
}

function readerOf(principal: Principal): Reader {
  const organisation = principal.organisation?.id ?? null;
  const person = !principal.isServiceAccount;
  return {
    organisation,
    agency: principal.agency,
    territories: principal.territories ?? [],
    username: person ? principal.username : null,
    // A system acts for an organisation; one that acts for none (the regional sync) keeps marks under its client.
    key: person ? `person:${principal.subject}` : organisation ? `organisation:${organisation}` : `client:${principal.clientId}`,
  };
}

/** The caller's rows: $1 organisation, $2 agency, $3 territories, $4 username. Rows of before organisations go to the type in its territories. */
const SCOPE = `(n.recipient_organisation = $1
  OR (n.recipient_organisation IS NULL AND n.recipient_username IS NULL AND n.recipient_agency = $2 AND n.municipality = ANY($3::text[]))
  OR n.recipient_username = $4)`;

/** Read: under the reader's watermark ($5), or marked one by one. */
const READ = `(coalesce((n.tx, n.seq) <= (m.tx, m.seq), false)
  OR EXISTS (SELECT 1 FROM notification_read r WHERE r.reader = $5 AND r.notification_id = n.id))`;

const COLUMNS = `n.id, n.seq::text AS seq, n.tx::text AS tx, n.kind, n.case_id AS "caseId", n.child_id AS "childId", n.message, n.created_at AS "createdAt", ${READ} AS read`;

type Row = Omit<StreamNotification, 'cursor'> & { tx: string };

/**
 * Notifications as a durable ordered stream per organisation and per person (issue 12, item 5).
 *
 * The order is (writing transaction, seq) and the stream serves only rows of transactions older
 * than every transaction still running (`pg_snapshot_xmin(pg_current_snapshot())`), as the regional
 * feed does (subgraphs/bank/sync/regional-feed.service.ts). A sequence's numbers are handed out at
 * insert, not at commit, so paging by seq alone could pass over a notification whose transaction
 * commits after a later one's; with the watermark, whatever becomes visible later sorts after
 * every cursor already handed out. A system catching up from its cursor after an outage therefore
 * gets every notification once, in order. Chosen over lock-based numbering (one counter row locked
 * by every writer until commit), which would serialise every step of every case in the region on
 * one row for the sake of the readers. The price: a notification appears in the stream once every
 * transaction that began before it has ended (milliseconds; a long transaction holds the stream
 * back, never loses a row).
 */
export class InboxService {
  constructor(private readonly dataSource: DataSource) {}

  static encode(tx: string, seq: string): string {
    return PREFIX + Buffer.from(`${tx}:${seq}`).toString('base64url');
  }

  static decode(field: string, cursor: string | null | undefined): { tx: string; seq: string } {
    if (!cursor) return { tx: '0', seq: '0' };
    const raw = cursor.startsWith(PREFIX) ? Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString() : '';
    const match = /^(\d{1,20}):(\d{1,20})$/.exec(raw);
    if (!match) throw inputError(field, cursor, 'cursor.format', 'курсор не распознан: передайте endCursor или cursor уведомления из предыдущего ответа либо пустое значение');
    return { tx: match[1], seq: match[2] };
  }

  private params(reader: Reader): unknown[] {
    return [reader.organisation, reader.agency, reader.territories, reader.username, reader.key];
  }

  private toNote(row: Row): StreamNotification {
    const { tx, ...note } = row;
    return { ...note, cursor: InboxService.encode(tx, row.seq) };
  }

  /** The stream after a cursor, oldest first: the way to catch up, and the replay of webhooks. */
  async page(principal: Principal, after: string | null, first: number, filter: StreamFilter): Promise<StreamPage> {
    const from = InboxService.decode('after', after);
    const reader = readerOf(principal);
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notification n LEFT JOIN notification_read_mark m ON m.reader = $5
       WHERE ${SCOPE} AND (n.tx, n.seq) > ($6::xid8, $7::bigint) AND n.tx < pg_snapshot_xmin(pg_current_snapshot())
         AND ($8::text[] IS NULL OR n.kind = ANY($8::text[])) AND (NOT $9 OR NOT ${READ})
       ORDER BY n.tx, n.seq LIMIT $10`,
      [...this.params(reader), from.tx, from.seq, filter.kinds, filter.unreadOnly, first + 1],
    );
    const notifications = rows.slice(0, first).map((row) => this.toNote(row));
    return {
      notifications,
      endCursor: notifications.length ? notifications[notifications.length - 1].cursor : (after ?? InboxService.encode('0', '0')),
      hasNextPage: rows.length > first,
    };
  }

  /**
   * The newest notifications first (the call shape of before, `notifications(first)`): events
   * only, never reminders. A view, not a stream: it shows what has committed, with no watermark.
   */
  async latest(principal: Principal, first: number, filter: StreamFilter): Promise<StreamNotification[]> {
    const reader = readerOf(principal);
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notification n LEFT JOIN notification_read_mark m ON m.reader = $5
       WHERE ${SCOPE} AND ($6::text[] IS NULL OR n.kind = ANY($6::text[])) AND (NOT $7 OR NOT ${READ})
       ORDER BY n.created_at DESC, n.seq DESC LIMIT $8`,
      [...this.params(reader), filter.kinds, filter.unreadOnly, first],
    );
    return rows.map((row) => this.toNote(row));
  }

  async unreadCount(principal: Principal, em: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await em.query(`SELECT count(*)::int AS n FROM notification n LEFT JOIN notification_read_mark m ON m.reader = $5 WHERE ${SCOPE} AND NOT ${READ}`, this.params(readerOf(principal)));
    return row.n;
  }

  /**
   * Read marks: everything up to a cursor (the watermark only moves forward), and single
   * notifications by id. A cursor must be one the stream handed out (older than every running
   * transaction), and every id one of the caller's own: nothing is stored otherwise.
   */
  async markRead(principal: Principal, upTo: string | null, ids: readonly string[]): Promise<number> {
    if (!upTo && ids.length === 0) throw inputError('upTo', null, 'read.something', 'укажите курсор (upTo) или идентификаторы уведомлений (ids)');
    const mark = upTo ? InboxService.decode('upTo', upTo) : null;
    const wanted = ids.map((id, i) => v.uuid(`ids[${i}]`, id));
    const reader = readerOf(principal);
    return this.dataSource.transaction(async (em) => {
      if (mark) {
        const [issued] = await em.query(`SELECT $1::xid8 < pg_snapshot_xmin(pg_current_snapshot()) AS ok`, [mark.tx]);
        if (!issued.ok) throw inputError('upTo', upTo, 'cursor.issued', 'такой курсор не выдавался: передайте endCursor или cursor уведомления');
        await em.query(
          `INSERT INTO notification_read_mark AS m (reader, tx, seq) VALUES ($1, $2::xid8, $3::bigint)
           ON CONFLICT (reader) DO UPDATE SET tx = EXCLUDED.tx, seq = EXCLUDED.seq, updated_at = now()
           WHERE (m.tx, m.seq) < (EXCLUDED.tx, EXCLUDED.seq)`,
          [reader.key, mark.tx, mark.seq],
        );
      }
      if (wanted.length) {
        const own: Array<{ id: string }> = await em.query(`SELECT n.id FROM notification n WHERE n.id = ANY($5::uuid[]) AND ${SCOPE}`, [...this.params(reader).slice(0, 4), wanted]);
        const mine = new Set(own.map((r) => r.id));
        const stranger = wanted.findIndex((id) => !mine.has(id));
        if (stranger >= 0) throw inputError(`ids[${stranger}]`, wanted[stranger], 'notification.own', 'уведомление не найдено среди адресованных вам');
        await em.query(`INSERT INTO notification_read (reader, notification_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [reader.key, [...mine]]);
      }
      return this.unreadCount(principal, em);
    });
  }
}
