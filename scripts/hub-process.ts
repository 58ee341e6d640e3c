import path from 'node:path';
import { demoLogins } from './demo-logins';
import { Client } from 'pg';
import { EmbeddedIdp, startEmbeddedIdp } from '../auth/idp/embedded-idp';
import { caseViewNoticeFromEnv, DEFAULT_ALLOWED_CLIENTS, registryRefreshMsFromEnv, SUBGRAPH_NAMES } from '../subgraphs/common/config';
import { devRolePassword, Hub, startHub } from './hub';
import { describeDeliveries, startSettingsFromEnv } from './start-settings';
import { ConfigError } from '../subgraphs/common/config';
import { repoRoot } from './repo-root';
import { resync, RESYNC_SOURCES } from './resync';
import { progressBar, seedDemoData, seedUrlsFor } from './seed/seed';
import { seedDemoCases } from './seed/seed-cases';
import { CONFIG_EXIT_CODE } from './supervisor/exit-codes';
import { signal, waitForExit } from './supervisor/process-table';

interface EmbeddedPostgresModule {
  startEmbeddedPostgres(o: { dataDir: string; persistent: boolean; port?: number }): Promise<{ adminUrl: string; port: number; stop(): Promise<void> }>;
}

/**
 * Loaded only when this process runs its own database (no DATABASE_URL): the package installs exit
 * hooks that end the process on the first SIGTERM, which would cut the ordered stop short under
 * the supervisor.
 */
function embeddedPostgres(): EmbeddedPostgresModule {
  // embedded-postgres is ESM-only; Node 20.19+ loads it with require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(repoRoot(), 'scripts', 'embedded-postgres.mjs')) as EmbeddedPostgresModule;
}

const out = (line = '') => process.stdout.write(`${line}\n`);

/**
 * The hub of `npm start` (run by scripts/start.ts, which supervises it and PostgreSQL): the
 * development identity provider, six subgraphs and the gateway; demo data on the first run.
 * Started alone with DATABASE_URL it works too; without it, it runs an embedded PostgreSQL itself.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const root = repoRoot();
  // Stop requests are honoured from the first moment: a hub asked to stop while it is still
  // starting stops what it has started and exits, rather than dying half-way by the default action.
  let stopping = false;
  let hub: Hub | null = null;
  let idp: EmbeddedIdp | null = null;
  let database: { adminUrl: string; stop(): Promise<void> } | null = null;
  const stop = async (orphaned = false) => {
    if (stopping) return;
    stopping = true;
    out(orphaned ? '\nЗапуск хаба (npm start) завершился без остановки хаба: останавливаю хаб и базу данных...' : '\nОстанавливаю хаб...');
    await hub?.stop();
    await idp?.stop();
    await database?.stop();
    // Left alone, the supervisor's PostgreSQL would run on with nobody to stop it.
    const postgresPid = Number(process.env.HUB_POSTGRES_PID);
    if (orphaned && postgresPid > 0) {
      signal(postgresPid, 'SIGINT');
      await waitForExit(postgresPid, 60_000);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGHUP', () => void stop());
  // The supervisor talks to us over IPC: the channel closes when it dies, even by SIGKILL.
  process.on('disconnect', () => void stop(true));

  // Webhooks and push as the bank reads them in production, checked before anything starts.
  const settings = startSettingsFromEnv(process.env);
  database = process.env.DATABASE_URL
    ? { adminUrl: process.env.DATABASE_URL, stop: async () => undefined }
    : await embeddedPostgres().startEmbeddedPostgres({
        dataDir: path.join(process.env.HUB_DATA_DIR ?? path.join(root, '.hub-data'), 'pg'),
        persistent: true,
        port: Number(process.env.PG_PORT) || undefined,
      });
  if (stopping) return;
  const provider = await startEmbeddedIdp({ port: Number(process.env.IDP_PORT ?? 0) });
  idp = provider;
  if (stopping) return;
  const running = await startHub({
    adminUrl: database.adminUrl,
    auth: { issuer: provider.issuer, audience: 'hub-api', allowedClients: DEFAULT_ALLOWED_CLIENTS },
    gatewayPort: Number(process.env.GATEWAY_PORT ?? 4000),
    registryRefreshMs: registryRefreshMsFromEnv(process.env),
    caseViewNotice: caseViewNoticeFromEnv(process.env),
    sync: settings.sync,
    // As the gateway's own process reads it; unset: portal/dist when it has been built.
    portalDir: process.env.PORTAL_DIR || undefined,
  });
  hub = running;
  if (stopping) return void (await running.stop());

  const client = new Client({ connectionString: database.adminUrl });
  await client.connect();
  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM bank.person');
  await client.end();
  if (Number(rows[0].n) === 0) {
    const children = Number(process.env.SEED_CHILDREN ?? 300);
    out(`Первый запуск: создаю демонстрационные данные (${children} детей, только вымышленные люди)...`);
    await seedDemoData({ urls: seedUrlsFor(database.adminUrl, devRolePassword), children, seed: 1, onProgress: progressBar('seed') });
    const cases = await seedDemoCases(running.subgraphs.bank.dataSource);
    out(`Дела КДН во всех состояниях: ${cases}`);
    // The seeder writes the agencies' rows without events: the resync puts them into the bank through the outboxes.
    const agencies = Object.fromEntries(RESYNC_SOURCES.map((name) => [name, running.subgraphs[name].dataSource]));
    const resynced = await resync({ bank: running.subgraphs.bank.dataSource, agencies, repair: true });
    out(`Сверка с банком данных: записей ведомств передано в банк — ${resynced.totals.repaired} (события *Resynced через outbox)`);
  }

  if (process.connected) process.send?.({ type: 'ready', gatewayUrl: running.gatewayUrl });
  if (process.env.HUB_RESTART) {
    out(`Хаб снова работает за ${((Date.now() - started) / 1000).toFixed(1)} с: ${running.gatewayUrl} (поставщик удостоверений: ${provider.issuer})`);
    return;
  }

  out('');
  out(`Хаб запущен за ${((Date.now() - started) / 1000).toFixed(1)} с.`);
  out(`  Шлюз GraphQL:            ${running.gatewayUrl}`);
  out(`  Портал КДН:              ${running.portalUrl ?? 'не собран (нет portal/dist): шлюз его не раздаёт'}`);
  out(`  Поставщик удостоверений: ${provider.issuer}`);
  for (const name of SUBGRAPH_NAMES) if (running.subgraphs[name]) out(`  Подграф ${name.padEnd(13)} ${running.subgraphs[name].url}`);
  out('');
  for (const line of describeDeliveries(settings)) out(line);
  out('');
  out('Токен системы школы (client credentials):');
  out(`  curl -s ${provider.tokenEndpoint} -d grant_type=client_credentials -d client_id=education-system -d client_secret=dev-education-secret`);
  out('Токен секретаря КДН (демо-вход, пароль demo):');
  out(`  curl -s ${provider.tokenEndpoint} -d grant_type=password -d client_id=kdn-portal -d username=secretary.vlk -d password=demo`);
  for (const line of demoLogins()) out(line);
  if (running.portalUrl) out(`Портал в браузере: откройте ${running.portalUrl} и войдите на странице входа, например secretary.vlk / demo.`);
  out('Пример запроса (список детей и единая карточка):');
  out(
    `  TOKEN=$(curl -s ${provider.tokenEndpoint} -d grant_type=password -d client_id=kdn-portal -d username=secretary.vlk -d password=demo | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
  );
  out(`  curl -s ${running.gatewayUrl} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -H 'x-hub-purpose: INDIVIDUAL_PREVENTION' \\`);
  out(`    -d '{"query":"{ children(first: 3) { id fullName birthDate education { signals { description } } } }"}'`);
  out('Журнал КДН (входящие сигналы ведомств) и сроки по делам, тем же токеном секретаря:');
  out(`  curl -s ${running.gatewayUrl} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -H 'x-hub-purpose: SIGNAL_CHECK' \\`);
  out(`    -d '{"query":"{ incomingSignals(first: 5) { agency urgency reporterOrganisation } dueItems(overdueOnly: true, first: 5) { caseNumber kind agency dueOn } }"}'`);
  out('Региональный банк данных (client credentials regional-bank-sync / dev-regional-bank-sync-secret, цель DATA_BANK):');
  out(`  { bankSnapshot(first: 10) { cards nextFamily changesCursor } }, затем { bankChanges(after: "<курсор>") { changes { type familyId card } endCursor hasMore } }`);
  out('');
  out('Ctrl-C останавливает всё по порядку: сначала хаб, затем базу данных. Упавший хаб или PostgreSQL перезапускаются сами.');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Не удалось запустить хаб: ${error.message}\n`);
    process.exit(CONFIG_EXIT_CODE);
  }
  process.stderr.write(`Не удалось запустить хаб: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
