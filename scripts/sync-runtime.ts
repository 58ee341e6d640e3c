import { DataSource } from 'typeorm';
import { SyncConfig } from '../subgraphs/common/config';
import { EventTransport } from '../subgraphs/common/events/hub-event';
import { InProcessTransport } from '../subgraphs/common/events/in-process-transport';
import { OutboxRelay } from '../subgraphs/common/events/outbox-relay';
import { BankSync, startBankSync } from '../subgraphs/bank/sync/bank-sync';
import { ApplierHooks } from '../subgraphs/bank/sync/event-applier';

export interface SyncRuntimeOptions {
  /** The bank's data source (its own role); null: this process runs relays only. */
  bank: DataSource | null;
  /** Sources whose outboxes are relayed from here: each with its own role's connection string. */
  sources: Array<{ name: string; databaseUrl: string }>;
  config: Pick<SyncConfig, 'transport' | 'natsUrl' | 'natsAuth' | 'stream' | 'streamLimits' | 'pollMs' | 'batchSize' | 'regionalPush' | 'webhooks'>;
  /** The access log's pseudonym key, for what the bank sends on its own. */
  pseudonymKey: string;
  /** Test and bench settings: faster back-off. */
  backoffBaseMs?: number;
  hooks?: ApplierHooks;
  onError?: (where: string, error: unknown) => void;
}

export interface SyncRuntime {
  bank: BankSync | null;
  relays: OutboxRelay[];
  stop(): Promise<void>;
}

/**
 * Relays and the bank's side in one process: `npm start` and the tests (in-process transport:
 * each relay hands its batch to the bank's applier), and the sync worker that tests kill (either
 * transport; over NATS a process may run only the relays or only the bank's consumer).
 */
export async function startSyncRuntime(options: SyncRuntimeOptions): Promise<SyncRuntime> {
  const onError = options.onError ?? (() => undefined);
  const nats = options.config.transport === 'nats';
  const bank = options.bank
    ? await startBankSync(options.bank, options.config, { consumeNats: nats, pseudonymKey: options.pseudonymKey, backoffBaseMs: options.backoffBaseMs, hooks: options.hooks, onError })
    : null;
  if (!nats && options.sources.length > 0 && !bank) throw new Error('The in-process transport needs the bank in the same process');
  const transport: EventTransport = nats
    ? new (await import('../subgraphs/common/events/nats-transport')).NatsTransport({
        servers: options.config.natsUrl!.split(','),
        stream: options.config.stream,
        limits: options.config.streamLimits,
        name: 'hub-relays',
        publishTimeoutMs: 3000,
        reconnectWaitMs: 250,
        ...options.config.natsAuth,
      })
    : new InProcessTransport((events) => bank!.applier.apply(events));
  const relays = options.sources.map(
    (source) =>
      new OutboxRelay({
        source: source.name,
        databaseUrl: source.databaseUrl,
        transport,
        pollMs: options.config.pollMs,
        batchSize: options.config.batchSize,
        onError: (error) => onError(`relay:${source.name}`, error),
      }),
  );
  for (const relay of relays) await relay.start();
  return {
    bank,
    relays,
    async stop() {
      for (const relay of relays) await relay.stop();
      await transport.close();
      await bank?.stop();
    },
  };
}
