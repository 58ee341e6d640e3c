import { DataSource, EntityManager } from 'typeorm';
import { inputError } from '../../common/errors';
import { AccountCard, AccountCardService } from './account-card.service';

export interface FeedChange {
  cursor: string;
  eventId: string;
  type: string;
  familyId: string;
  occurredAt: string;
  card: AccountCard;
}

export interface FeedPage {
  changes: FeedChange[];
  /** Where to continue: the last change's cursor, or the cursor given when nothing is new. */
  endCursor: string;
  hasMore: boolean;
}

const PREFIX = 'v1.';

/**
 * The bank's own events (register entries and account cards) as a feed with opaque cursors.
 *
 * Order is (writing transaction, position), and only transactions older than every transaction
 * still running are served: a sequence hands out positions at insert, not at commit, so a feed by
 * position alone could pass over a row whose transaction commits after a later one. Here, anything
 * that becomes visible later belongs to a transaction not older than the oldest one running now,
 * so it sorts after every cursor already handed out. A change is therefore never skipped, and the
 * cursor is stable across restarts of either side.
 */
export class RegionalFeedService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cards: AccountCardService,
  ) {}

  static encode(tx: string, position: string): string {
    return PREFIX + Buffer.from(`${tx}:${position}`).toString('base64url');
  }

  static decode(cursor: string | null | undefined): { tx: string; position: string } {
    if (!cursor) return { tx: '0', position: '0' };
    const raw = cursor.startsWith(PREFIX) ? Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString() : '';
    const match = /^(\d{1,20}):(\d{1,20})$/.exec(raw);
    if (!match) throw inputError('after', cursor, 'cursor.format', 'курсор не распознан: передайте endCursor из предыдущего ответа или пустое значение');
    return { tx: match[1], position: match[2] };
  }

  async changes(after: string | null, first: number, em: EntityManager = this.dataSource.manager): Promise<FeedPage> {
    const from = RegionalFeedService.decode(after);
    const rows: Array<{ tx: string; position: string; event_id: string; type: string; family_id: string; payload: AccountCard; occurred_at: Date }> = await em.query(
      `SELECT tx::text AS tx, position::text AS position, event_id, type, family_id, payload, occurred_at FROM outbox
       WHERE aggregate_type = 'AccountCard' AND (tx, position) > ($1::xid8, $2::bigint)
         AND tx < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY tx, position LIMIT $3`,
      [from.tx, from.position, first + 1],
    );
    const page = rows.slice(0, first);
    const changes = page.map((r) => ({
      cursor: RegionalFeedService.encode(r.tx, r.position),
      eventId: r.event_id,
      type: r.type,
      familyId: r.family_id,
      occurredAt: new Date(r.occurred_at).toISOString(),
      card: r.payload,
    }));
    return { changes, endCursor: changes.length ? changes[changes.length - 1].cursor : (after ?? RegionalFeedService.encode('0', '0')), hasMore: rows.length > first };
  }

  /**
   * A first sync: every family ever in the register, with its current card, and the cursor from
   * which changes continue. Read in one repeatable-read transaction so the cards and the cursor
   * describe the same moment (changes after it may repeat a card already current: harmless).
   */
  async snapshot(afterFamily: string | null, first: number): Promise<{ cards: AccountCard[]; nextFamily: string | null; changesCursor: string }> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const families: Array<{ family_id: string }> = await em.query(
        `SELECT DISTINCT family_id FROM register_entry WHERE family_id IS NOT NULL AND ($1::uuid IS NULL OR family_id > $1::uuid) ORDER BY family_id LIMIT $2`,
        [afterFamily, first + 1],
      );
      const cards: AccountCard[] = [];
      for (const { family_id } of families.slice(0, first)) {
        const card = await this.cards.card(em, family_id);
        if (card) cards.push(card);
      }
      // Everything settled now is in the cards; the feed resumes after the last settled change.
      const [last] = await em.query(
        `SELECT tx::text AS tx, position::text AS position FROM outbox WHERE aggregate_type = 'AccountCard' AND tx < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY tx DESC, position DESC LIMIT 1`,
      );
      return {
        cards,
        nextFamily: families.length > first ? families[first - 1].family_id : null,
        changesCursor: last ? RegionalFeedService.encode(last.tx, last.position) : RegionalFeedService.encode('0', '0'),
      };
    });
  }
}
