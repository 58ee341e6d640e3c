import { SUBGRAPH_NAMES, secret, syncConfigFromEnv, AUDIT } from '../subgraphs/common/config';
import { roleFor, roleUrl } from '../subgraphs/common/db/bootstrap';
import { createSubgraphDataSource } from '../subgraphs/common/db/data-source';
import { DEV_PSEUDONYM_KEY } from '../subgraphs/common/production-guard';

/**
 * The development role passwords, as scripts/hub.ts's devRolePassword makes them. Not imported
 * from there: that module loads the whole hub (gateway, every subgraph), some 10 s of CPU at each
 * start of a worker that the crash tests kill and restart in the middle of a burst.
 */
const devRolePassword = (name: string) => `hub-${name}-dev-password`;
import { startSyncRuntime } from './sync-runtime';

/**
 * The outbox relays and the bank's applier as a process of their own, in-process transport
 * between them: what the crash tests kill with SIGKILL in the middle of a burst, and what an
 * operator can run beside subgraphs that do not relay themselves.
 *
 *   HUB_ADMIN_URL=postgres://... node -r ./scripts/ts-register.js scripts/sync-worker.ts
 *   (HUB_EVENT_TRANSPORT=nats NATS_URL=nats://... SYNC_ROLE=relay|apply|all for the JetStream path)
 *
 * Role passwords are the development ones unless <NAME>_DATABASE_URL gives each role's URL.
 * Prints "ready" once every relay is listening.
 */
async function main(): Promise<void> {
  const admin = process.env.HUB_ADMIN_URL;
  const urlOf = (name: (typeof SUBGRAPH_NAMES)[number]) => process.env[`${name.toUpperCase()}_DATABASE_URL`] || (admin ? roleUrl(admin, roleFor(name, devRolePassword(name))) : undefined);
  const bankUrl = urlOf('bank');
  if (!bankUrl) throw new Error('Set HUB_ADMIN_URL or BANK_DATABASE_URL and each agency <NAME>_DATABASE_URL');
  const config = syncConfigFromEnv(process.env);
  // Over NATS the relays and the bank's consumer may run as separate processes (SYNC_ROLE=relay | apply).
  const role = process.env.SYNC_ROLE ?? 'all';
  const bank = role === 'relay' ? null : createSubgraphDataSource({ schema: 'bank', url: bankUrl, entities: [], migrations: [], poolSize: 4, applicationName: 'hub-sync-worker' }).dataSource;
  await bank?.initialize();
  const runtime = await startSyncRuntime({
    bank,
    sources: role === 'apply' ? [] : SUBGRAPH_NAMES.filter((n) => n !== 'bank' && n !== AUDIT).map((name) => ({ name, databaseUrl: urlOf(name)! })),
    config,
    pseudonymKey: secret(process.env, 'AUDIT_PSEUDONYM_KEY') || DEV_PSEUDONYM_KEY,
    onError: (where, error) => process.stderr.write(`${where}: ${error instanceof Error ? error.message : String(error)}\n`),
  });
  process.stdout.write('ready\n');
  const stop = async () => {
    await runtime.stop();
    await bank?.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`sync worker: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
