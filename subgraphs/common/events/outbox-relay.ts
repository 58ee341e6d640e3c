import { Client, Pool } from 'pg';
import { EventTransport, OUTBOX_CHANNEL } from './hub-event';
import { OUTBOX_COLUMNS, OutboxRow, toHubEvent } from './outbox';

export interface OutboxRelayOptions {
  /** The source subgraph: also its schema. */
  source: string;
  /** The source's own database role: the relay reads only its own outbox. */
  databaseUrl: string;
  transport: EventTransport;
  batchSize?: number;
  /** Polling fallback: a lost notification (a dropped connection, say) delays an event by at most this. */
  pollMs?: number;
  onError?: (error: unknown) => void;
  /** Published rows older than this are deleted (the bank's inbox keeps the record); 0 keeps them all. */
  retentionDays?: number;
}

/**
 * Moves committed outbox rows to the transport, oldest first, and marks them published only after
 * the transport has them safe (the bank committed, or JetStream acknowledged). A crash between the
 * two re-sends them: at-least-once here, exactly-once effect through the bank's inbox.
 *
 * One relay per source works at a time (a PostgreSQL advisory lock), so scaled-out replicas of a
 * subgraph do not publish the same rows twice over; the others wait and take over if it dies.
 */
export class OutboxRelay {
  private readonly pool: Pool;
  private listener: Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private leader = false;
  private draining: Promise<void> | null = null;
  private lastPrune = 0;
  private again = false;
  published = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.pool = new Pool({ connectionString: options.databaseUrl, max: 2, options: `-c search_path=${options.source}`, application_name: `outbox-relay-${options.source}` });
    this.pool.on('error', (error) => this.options.onError?.(error));
  }

  async start(): Promise<void> {
    this.running = true;
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.wake();
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, options: `-c search_path=${this.options.source}`, application_name: `outbox-listen-${this.options.source}` });
    client.on('notification', (message) => {
      if (message.payload === this.options.source) this.wake();
    });
    client.on('error', (error) => {
      // The poll keeps events moving; the next wake reconnects.
      this.options.onError?.(error);
      this.listener = null;
      this.leader = false;
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
  }

  /** Session-level advisory lock held on the listening connection: it dies with the process. */
  private async lead(): Promise<boolean> {
    if (this.leader) return true;
    if (!this.listener) await this.listen();
    const [row] = (await this.listener!.query(`SELECT pg_try_advisory_lock(hashtext('outbox-relay:' || $1)) AS ok`, [this.options.source])).rows;
    this.leader = row.ok === true;
    return this.leader;
  }

  /** Coalesces wake-ups: at most one drain runs, and one more follows if woken meanwhile. */
  wake(): void {
    if (!this.running) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((error) => this.options.onError?.(error))
      .finally(() => {
        this.draining = null;
        if (this.again && this.running) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async drain(): Promise<void> {
    if (!(await this.lead())) return;
    await this.prune();
    const size = this.options.batchSize ?? 500;
    while (this.running) {
      const { rows } = await this.pool.query<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE published_at IS NULL ORDER BY position LIMIT $1`, [size]);
      if (rows.length === 0) return;
      await this.options.transport.publish(rows.map((row) => toHubEvent(this.options.source, row)));
      await this.pool.query(`UPDATE outbox SET published_at = clock_timestamp() WHERE position = ANY($1::bigint[])`, [rows.map((r) => r.position)]);
      this.published += rows.length;
      if (rows.length < size) return;
    }
  }

  /** At most hourly, by the leader: the outbox is a queue, not an archive. */
  private async prune(): Promise<void> {
    const days = this.options.retentionDays ?? 30;
    if (days <= 0 || Date.now() - this.lastPrune < 3_600_000) return;
    this.lastPrune = Date.now();
    await this.pool.query(`DELETE FROM outbox WHERE published_at < now() - $1 * interval '1 day'`, [days]);
  }

  /** Events not yet published (the backlog metric). */
  async backlog(): Promise<number> {
    const { rows } = await this.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    return rows[0].n;
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    await this.draining;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
