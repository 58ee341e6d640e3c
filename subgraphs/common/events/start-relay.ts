import { SyncConfig } from '../config';
import { EventTransport } from './hub-event';
import { NatsTransport } from './nats-transport';
import { OutboxRelay } from './outbox-relay';

/**
 * A subgraph's relay for a process of its own (production over NATS): the outbox of `source`,
 * read with the subgraph's own role, published to JetStream. The in-process transport has no
 * such process; `npm start` wires the relays to the bank directly (scripts/sync-runtime.ts).
 */
export async function startNatsRelay(source: string, databaseUrl: string, config: SyncConfig, onError: (error: unknown) => void): Promise<{ relay: OutboxRelay; stop(): Promise<void> }> {
  if (!config.natsUrl) throw new Error('startNatsRelay needs NATS_URL');
  const transport: EventTransport = new NatsTransport({ servers: config.natsUrl.split(','), stream: config.stream, name: `relay-${source}` });
  const relay = new OutboxRelay({ source, databaseUrl, transport, pollMs: config.pollMs, batchSize: config.batchSize, onError });
  await relay.start();
  return {
    relay,
    async stop() {
      await relay.stop();
      await transport.close();
    },
  };
}
