import { DataSource } from 'typeorm';
import { SyncConfig } from '../../common/config';
import type { JetStreamEventConsumer } from '../../common/events/nats-consumer';
import { AccountCardService } from './account-card.service';
import { ApplierHooks, EventApplier } from './event-applier';
import { RegionalFeedService } from './regional-feed.service';
import { RegionalPusher } from './regional-pusher';
import { WebhookDispatcher } from './webhook-dispatcher';

export interface BankSync {
  applier: EventApplier;
  consumer: JetStreamEventConsumer | null;
  pusher: RegionalPusher | null;
  webhooks: WebhookDispatcher;
  stop(): Promise<void>;
}

export interface BankSyncOptions {
  /** The access log's pseudonym key (what the bank sends on its own is logged like a read). */
  pseudonymKey: string;
  /** Apply events from NATS JetStream here (the bank's own process); off when relays call the applier in-process. */
  consumeNats: boolean;
  backoffBaseMs?: number;
  hooks?: ApplierHooks;
  onError: (where: string, error: unknown) => void;
}

/**
 * What the bank runs besides its GraphQL server: the applier of the agencies' events (fed by the
 * JetStream consumer, or by in-process relays), the push of its feed to the regional bank, and
 * notification webhooks to agency systems.
 *
 * Every one of them is safe with two or more bank replicas, each in the way its work allows:
 * - applier: per-item, through the inbox. The replicas share the durable consumer (JetStream hands
 *   each message to one of them); a redelivered event finds its id in the inbox, and per record the
 *   newest position wins, so the order in which replicas commit does not matter.
 * - regional push: one pusher per endpoint at a time, per page: the endpoint's state row is taken
 *   FOR UPDATE SKIP LOCKED for the page and its cursor moves in that transaction (the feed is
 *   ordered: pages must not overtake each other, and nothing is handed over when a replica dies).
 * - webhooks: per-item claims (FOR UPDATE SKIP LOCKED and a lease per delivery): notifications are
 *   independent, so all replicas send, none the same one.
 * (test/sync/replicas.test.ts runs two of each.)
 */
export async function startBankSync(
  bank: DataSource,
  config: Pick<SyncConfig, 'natsUrl' | 'natsAuth' | 'stream' | 'streamLimits' | 'pollMs' | 'batchSize' | 'regionalPush' | 'webhooks'>,
  options: BankSyncOptions,
): Promise<BankSync> {
  const cards = new AccountCardService();
  const applier = new EventApplier(bank, cards, options.hooks);
  let consumer: JetStreamEventConsumer | null = null;
  if (options.consumeNats) {
    if (!config.natsUrl) throw new Error('The bank consumes NATS only with NATS_URL');
    // NATS's client is loaded only by a process that uses it.
    const { JetStreamEventConsumer } = await import('../../common/events/nats-consumer');
    consumer = new JetStreamEventConsumer({
      servers: config.natsUrl.split(','),
      stream: config.stream,
      streamLimits: config.streamLimits,
      name: 'bank-apply',
      ...config.natsAuth,
      batchSize: Math.min(config.batchSize, 1000),
      apply: (events) => applier.apply(events),
      onError: (error) => options.onError('nats-consumer', error),
    });
    // Binding retries while NATS is away; the bank serves GraphQL meanwhile.
    void consumer.start().catch((error) => options.onError('nats-consumer', error));
  }
  const push = config.regionalPush;
  const pusher = push
    ? new RegionalPusher(bank, new RegionalFeedService(bank, cards), {
        url: push.url,
        secret: push.secret,
        pseudonymKey: options.pseudonymKey,
        pollMs: config.pollMs,
        backoffBaseMs: options.backoffBaseMs,
        onError: (e) => options.onError('regional-push', e),
      })
    : null;
  await pusher?.start();
  const webhooks = new WebhookDispatcher(bank, {
    endpoints: config.webhooks,
    pseudonymKey: options.pseudonymKey,
    pollMs: config.pollMs,
    backoffBaseMs: options.backoffBaseMs,
    onError: (e) => options.onError('webhooks', e),
  });
  webhooks.start();
  return {
    applier,
    consumer,
    pusher,
    webhooks,
    async stop() {
      await consumer?.stop();
      await pusher?.stop();
      await webhooks.stop();
    },
  };
}

/** The bank's sidecar in its own process: consumes JetStream (when that is the transport), pushes, sends webhooks. */
export const bankSidecar = async (
  config: { auditPseudonymKey: string },
  sync: SyncConfig,
  dataSource: DataSource,
  log: (level: string, msg: string, extra?: object) => void,
): Promise<{ stop(): Promise<void> }> =>
  startBankSync(dataSource, sync, {
    consumeNats: sync.transport === 'nats',
    pseudonymKey: config.auditPseudonymKey,
    onError: (where, error) => log('warn', 'sync retry', { where, err: error instanceof Error ? error.message : String(error) }),
  });
