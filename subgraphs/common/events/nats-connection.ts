import { NatsConnection } from '@nats-io/nats-core';
import { NodeConnectionOptions } from '@nats-io/transport-node';

export interface NatsConnectOptions {
  /** 'nats://host:port' or several (a cluster). */
  servers: string | string[];
  /** Connection name shown by the server's monitoring. */
  name?: string;
  /** Pause between reconnect attempts to the same server (default 1000 ms); attempts never stop. */
  reconnectWaitMs?: number;
  /** Client pings: a silent (partitioned) server is detected after ~ pingIntervalMs x 3 (default 10 s). */
  pingIntervalMs?: number;
  /** Status notifications (disconnect, reconnect, error ...), for logs and metrics. */
  onStatus?: (status: { type: string; data: unknown }) => void;
  /** Production NATS (deploy/nats/nats-server.conf) admits only its users, each with its own subjects. */
  user?: string;
  pass?: string;
  /** CA of the server's certificate: the connection is then TLS and verified (servers `tls://...`). */
  tlsCaFile?: string;
}

/** The connection options both the transport and the consumer use: reconnect forever, with a wait. */
export function natsConnectionOptions(options: NatsConnectOptions): NodeConnectionOptions {
  return {
    servers: options.servers,
    name: options.name,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: options.reconnectWaitMs ?? 1000,
    reconnectJitter: 100,
    pingInterval: options.pingIntervalMs ?? 10_000,
    maxPingOut: 3,
    // The first connection fails fast; callers retry (the relay re-sends later, the consumer loops).
    waitOnFirstConnect: false,
    ...(options.user ? { user: options.user, pass: options.pass } : {}),
    ...(options.tlsCaFile ? { tls: { caFile: options.tlsCaFile } } : {}),
  };
}

/** Follows the connection's status events until it closes. */
export function watchStatus(nc: NatsConnection, onStatus?: (status: { type: string; data: unknown }) => void): void {
  if (!onStatus) return;
  void (async () => {
    for await (const status of nc.status()) onStatus({ type: String(status.type), data: status });
  })().catch(() => undefined);
}

/** Drains (flushes what is pending, lets replies arrive); closes outright if that takes too long. */
export async function drainOrClose(nc: NatsConnection, timeoutMs = 5000): Promise<void> {
  if (nc.isClosed()) return;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([nc.drain().catch(() => undefined), timedOut]);
  clearTimeout(timer);
  // drain() of a connection that is reconnecting does not close it (it would go on reconnecting
  // for ever): close it in any case.
  if (!nc.isClosed()) await nc.close().catch(() => undefined);
}
