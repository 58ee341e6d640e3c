import { DataSource } from 'typeorm';
import { appendDisclosure } from '../../../auth/audit/disclosure';
import { RegionalFeedService } from './regional-feed.service';
import { backoffMs, signedPost } from './signed-post';

export interface RegionalPusherOptions {
  url: string;
  secret: string;
  /** The access log's pseudonym key: each page sent is logged, families and people pseudonymised. */
  pseudonymKey: string;
  batchSize?: number;
  pollMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Push mode of the regional feed: the same changes as `bankChanges`, POSTed in order to the
 * regional bank's endpoint. The cursor advances (in the bank's table, so it survives restarts)
 * only after a 2xx; a failing endpoint is retried with back-off and nothing is skipped. Delivery
 * is at least once: the receiver keeps the card with the highest cardVersion, so a repeat is harmless.
 */
export class RegionalPusher {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private busy: Promise<void> | null = null;
  private attempts = 0;
  private notBefore = 0;
  delivered = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly feed: RegionalFeedService,
    private readonly options: RegionalPusherOptions,
  ) {}

  async start(): Promise<void> {
    await this.dataSource.query(`INSERT INTO regional_push_state (endpoint) VALUES ($1) ON CONFLICT DO NOTHING`, [this.options.url]);
    this.running = true;
    this.timer = setInterval(() => this.tick(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.tick();
  }

  private tick(): void {
    if (!this.running || this.busy || Date.now() < this.notBefore) return;
    this.busy = this.pushAll()
      .catch(async (error) => {
        this.attempts += 1;
        this.notBefore = Date.now() + backoffMs(this.attempts, this.options.backoffBaseMs ?? 1000, this.options.backoffCapMs ?? 60_000);
        this.options.onError?.(error);
        await this.dataSource
          .query(`UPDATE regional_push_state SET attempts = $2, last_error = $3, updated_at = now() WHERE endpoint = $1`, [
            this.options.url,
            this.attempts,
            String(error instanceof Error ? error.message : error),
          ])
          .catch(() => undefined);
      })
      .finally(() => {
        this.busy = null;
      });
  }

  private async pushAll(): Promise<void> {
    while (await this.pushPage());
  }

  /**
   * One page, under the endpoint's row lock: with two or more bank replicas, the one holding the
   * lock pushes and the others skip this round (SKIP LOCKED), so no page goes out twice in
   * parallel; the cursor moves in the same transaction, after the 2xx. True when more pages wait.
   */
  private async pushPage(): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [state] = await runner.query(`SELECT cursor FROM regional_push_state WHERE endpoint = $1 FOR UPDATE SKIP LOCKED`, [this.options.url]);
      if (!state) {
        await runner.commitTransaction();
        return false;
      }
      const page = await this.feed.changes(state.cursor || null, this.options.batchSize ?? 200);
      if (page.changes.length === 0) {
        await runner.commitTransaction();
        return false;
      }
      // Personal data leaves the hub: logged first (in its own transaction), like every read, and not sent if it cannot be.
      await appendDisclosure((sql, params) => this.dataSource.query(sql, params), {
        service: 'bank',
        recipient: this.options.url,
        operation: 'RegionalPush',
        subjects: page.changes.flatMap((c) => [
          { kind: 'Family' as const, id: c.familyId },
          ...c.card.members.map((m) => ({ kind: m.role === 'CHILD' ? ('Child' as const) : ('Person' as const), id: m.personId })),
        ]),
        fields: ['changes.card'],
        categories: ['identity', 'contacts', 'social', 'education', 'offences'],
        basis: 'law:data-bank-regional-exchange',
        pseudonymKey: this.options.pseudonymKey,
      });
      await signedPost(this.options.url, this.options.secret, { changes: page.changes, endCursor: page.endCursor }, page.changes[0].eventId);
      await runner.query(`UPDATE regional_push_state SET cursor = $2, attempts = 0, last_error = NULL, updated_at = now() WHERE endpoint = $1`, [this.options.url, page.endCursor]);
      await runner.commitTransaction();
      this.attempts = 0;
      this.delivered += page.changes.length;
      return page.hasMore;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    await this.busy;
  }
}
