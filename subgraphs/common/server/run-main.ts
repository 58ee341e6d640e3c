import { createTokenVerifier } from '../../../auth/verify/token-verifier';
import { PrincipalResolver } from '../../../auth/principal';
import { SubgraphConfig, subgraphConfigFromEnv, SubgraphName } from '../config';
import { RunningService } from './create-subgraph-server';

type Build = (config: SubgraphConfig, verifier: PrincipalResolver) => Promise<{ start(): Promise<RunningService> }>;

/** The whole of every subgraph's main.ts: read the configuration once, build, listen, stop on a signal. */
export function runSubgraphMain(name: SubgraphName, build: Build): void {
  const log = (level: string, msg: string, extra: object = {}) => process.stdout.write(`${JSON.stringify({ level, service: name, msg, ...extra })}\n`);
  (async () => {
    const config = subgraphConfigFromEnv(name, process.env);
    const verifier = createTokenVerifier({ ...config.auth });
    const running = await (await build(config, verifier)).start();
    log('info', 'listening', { url: running.url });
    const stop = () => void running.stop().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  })().catch((error: unknown) => {
    log('fatal', error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
