import { SyncConfig } from '../config';
import { EventTransport } from './hub-event';
import { OutboxRelay } from './outbox-relay';

/**
 * A subgraph's relay for a process of its own (production over NATS): the outbox of `source`,
 * read with the subgraph's own role, published to JetStream. The in-process transport has no
 * such process; `npm start` wires the relays to the bank directly (scripts/sync-runtime.ts).
 */
export async function startNatsRelay(source: string, databaseUrl: string, config: SyncConfig, onError: (error: unknown) => void): Promise<{ relay: OutboxRelay; stop(): Promise<void> }> {
  if (!config.natsUrl) throw new Error('startNatsRelay needs NATS_URL');
  const { NatsTransport } = await import('./nats-transport');
  const transport: EventTransport = new NatsTransport({ servers: config.natsUrl.split(','), stream: config.stream, limits: config.streamLimits, name: `relay-${source}`, ...config.natsAuth });
  const relay = new OutboxRelay({ source, databaseUrl, transport, pollMs: config.pollMs, batchSize: config.batchSize, retentionDays: config.outboxRetentionDays, onError });
  await relay.start();
  return {
    relay,
    async stop() {
      await relay.stop();
      await transport.close();
    },
  };
}

/**
 * The agency subgraphs' sidecar: over NATS each relays its own outbox from its own process. With
 * the in-process transport a lone subgraph process has no bank beside it: its events wait in the
 * outbox (nothing is lost) until `npm start` or the sync worker relays them; it says so at start.
 */
export const relaySidecar = async (
  config: { name: string; databaseUrl: string },
  sync: SyncConfig,
  _dataSource: unknown,
  log: (level: string, msg: string, extra?: object) => void,
): Promise<{ stop(): Promise<void> } | null> => {
  if (sync.transport !== 'nats') {
    log('warn', 'events stay in the outbox until a relay runs (HUB_EVENT_TRANSPORT=nats, or scripts/sync-worker.ts)');
    return null;
  }
  return startNatsRelay(config.name, config.databaseUrl, sync, (error) => log('warn', 'relay retry', { err: error instanceof Error ? error.message : String(error) }));
};
