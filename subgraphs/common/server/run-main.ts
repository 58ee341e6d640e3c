import { DataSource } from 'typeorm';
import { createTokenVerifier } from '../../../auth/verify/token-verifier';
import { PrincipalResolver } from '../../../auth/principal';
import { serviceConfigFromEnv, SubgraphConfig, SubgraphName, SyncConfig } from '../config';
import { RunningService } from './create-subgraph-server';

type Build = (config: SubgraphConfig, verifier: PrincipalResolver) => Promise<{ start(): Promise<RunningService>; dataSource: DataSource }>;

export type MainLog = (level: string, msg: string, extra?: object) => void;

/** What a subgraph runs beside its server: its outbox relay, or at the bank the event consumer, the push and the webhooks. */
export type Sidecar = (config: SubgraphConfig, sync: SyncConfig, dataSource: DataSource, log: MainLog) => Promise<{ stop(): Promise<void> } | null>;

/** The whole of every subgraph's main.ts: read the configuration once, build, listen, stop on a signal. */
export function runSubgraphMain(name: SubgraphName, build: Build, sidecar?: Sidecar): void {
  const log: MainLog = (level, msg, extra = {}) => process.stdout.write(`${JSON.stringify({ level, service: name, msg, ...extra })}\n`);
  (async () => {
    const { config, sync } = serviceConfigFromEnv(name, process.env);
    const verifier = createTokenVerifier({ ...config.auth });
    const built = await build(config, verifier);
    const running = await built.start();
    const side = sidecar ? await sidecar(config, sync, built.dataSource, log) : null;
    log('info', 'listening', { url: running.url, events: sync.transport });
    const stop = () =>
      void (async () => {
        await side?.stop();
        await running.stop();
        process.exit(0);
      })();
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  })().catch((error: unknown) => {
    log('fatal', error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
