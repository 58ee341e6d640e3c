import { DataSource } from 'typeorm';
import { SyncConfig } from '../subgraphs/common/config';
import { EventTransport } from '../subgraphs/common/events/hub-event';
import { InProcessTransport } from '../subgraphs/common/events/in-process-transport';
import { OutboxRelay } from '../subgraphs/common/events/outbox-relay';
import { AccountCardService } from '../subgraphs/bank/sync/account-card.service';
import { ApplierHooks, EventApplier } from '../subgraphs/bank/sync/event-applier';
import { RegionalFeedService } from '../subgraphs/bank/sync/regional-feed.service';
import { RegionalPusher } from '../subgraphs/bank/sync/regional-pusher';
import { WebhookDispatcher } from '../subgraphs/bank/sync/webhook-dispatcher';

export interface SyncRuntimeOptions {
  /** The bank's data source (its own role): the applier, the regional push and the webhooks use it. */
  bank: DataSource;
  /** Sources whose outboxes are relayed: each with its own role's connection string. */
  sources: Array<{ name: string; databaseUrl: string }>;
  config: Pick<SyncConfig, 'pollMs' | 'batchSize' | 'regionalPush' | 'webhooks'>;
  /** Test and bench settings: faster back-off. */
  backoffBaseMs?: number;
  hooks?: ApplierHooks;
  onError?: (where: string, error: unknown) => void;
}

export interface SyncRuntime {
  applier: EventApplier;
  relays: OutboxRelay[];
  pusher: RegionalPusher | null;
  webhooks: WebhookDispatcher;
  stop(): Promise<void>;
}

/**
 * The embedded wiring (one process: `npm start`, the tests, the sync worker): each agency's relay
 * hands its outbox to the bank's applier in-process; the bank pushes its feed to the regional
 * endpoint and notifications to agency webhooks when configured. Scale-out runs the same pieces
 * in separate processes over NATS JetStream (see the subgraphs' main.ts).
 */
export async function startSyncRuntime(options: SyncRuntimeOptions): Promise<SyncRuntime> {
  const cards = new AccountCardService();
  const applier = new EventApplier(options.bank, cards, options.hooks);
  const transport: EventTransport = new InProcessTransport((events) => applier.apply(events));
  const relays = options.sources.map(
    (source) =>
      new OutboxRelay({
        source: source.name,
        databaseUrl: source.databaseUrl,
        transport,
        pollMs: options.config.pollMs,
        batchSize: options.config.batchSize,
        onError: (error) => options.onError?.(`relay:${source.name}`, error),
      }),
  );
  for (const relay of relays) await relay.start();
  const feed = new RegionalFeedService(options.bank, cards);
  const push = options.config.regionalPush;
  const pusher = push
    ? new RegionalPusher(options.bank, feed, { url: push.url, secret: push.secret, pollMs: options.config.pollMs, backoffBaseMs: options.backoffBaseMs, onError: (e) => options.onError?.('regional-push', e) })
    : null;
  await pusher?.start();
  const webhooks = new WebhookDispatcher(options.bank, { endpoints: options.config.webhooks, pollMs: options.config.pollMs, backoffBaseMs: options.backoffBaseMs, onError: (e) => options.onError?.('webhooks', e) });
  webhooks.start();
  return {
    applier,
    relays,
    pusher,
    webhooks,
    async stop() {
      for (const relay of relays) await relay.stop();
      await pusher?.stop();
      await webhooks.stop();
    },
  };
}
