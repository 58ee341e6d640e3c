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
 * Order: each batch goes out by position, but positions are drawn at insert and transactions
 * commit in any order, so a row whose transaction commits late goes out after higher positions.
 * One record's changes wait for each other on its row lock, and each appends its event after the
 * change (appendEvent), so one record's events go out in order; the bank keeps the newest position
 * per record, and that is the order that matters.
 *
 * Replicas: one leader per source, not per-row claims. The rows must go out in position order,
 * marked only after the transport has them; claims would need a claimed state or row locks held
 * across the network call, and two claimers would still interleave the order. So each replica
 * tries a session-level advisory lock on its own listening connection at every wake (LISTEN,
 * poll): the one holding it relays and prunes, the others stand by, and when the leader's session
 * ends (process killed, connection lost) PostgreSQL releases the lock and a standby takes over at
 * its next poll. A leader whose connection broke stops before its next batch; the batch it had in
 * hand may then go out twice, which the bank's inbox (and JetStream's Msg-Id) makes harmless.
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
  /** Events this relay published (as leader). */
  published = 0;
  /** Published rows this relay deleted (as leader). */
  pruned = 0;

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
      // The poll keeps events moving; the next wake reconnects (and competes for the lock again).
      this.options.onError?.(error);
      if (this.listener === client) {
        this.listener = null;
        this.leader = false;
      }
      client.end().catch(() => undefined);
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
  }

  /** True while this replica holds the source's relay lock. */
  get isLeader(): boolean {
    return this.leader;
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
    // Leadership is checked before every batch: a lost listening connection ends it.
    while (this.running && this.leader) {
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
    // Only the leader prunes (it runs in drain): two replicas never delete the same rows at once.
    const { rowCount } = await this.pool.query(`DELETE FROM outbox WHERE published_at < now() - $1 * interval '1 day'`, [days]);
    this.pruned += rowCount ?? 0;
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
