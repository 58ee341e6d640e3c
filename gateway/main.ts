import { createTokenVerifier } from '../auth/verify/token-verifier';
import { gatewayConfigFromEnv } from './gateway.config';
import { buildGateway } from './server';

/** Production entry point: configuration from the environment, read once; then listen. */
async function main(): Promise<void> {
  const config = gatewayConfigFromEnv(process.env);
  const verifier = createTokenVerifier({ ...config.auth });
  const running = await buildGateway(config, verifier).start();
  process.stdout.write(`${JSON.stringify({ level: 'info', service: 'gateway', msg: 'listening', url: running.url })}\n`);
  const stop = () => void running.stop().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', service: 'gateway', msg: String(error?.message ?? error) })}\n`);
  process.exit(1);
});
