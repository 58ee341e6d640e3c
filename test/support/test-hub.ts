import { randomBytes } from 'node:crypto';
import { EmbeddedIdp, startEmbeddedIdp } from '../../auth/idp/embedded-idp';
import { DEFAULT_ALLOWED_CLIENTS } from '../../subgraphs/common/config';
import { createDatabase, dropDatabase } from '../../subgraphs/common/db/bootstrap';
import { Hub, HubOptions, startHub } from '../../scripts/hub';
import { HubClient, hubClient } from './hub-client';

export type { GraphQLResult } from './hub-client';

/** A hub of the test file's own, in its process: for tests that reach into it (data sources, counters, a subgraph stopped). */
export interface TestHub extends HubClient {
  hub: Hub;
  /** The portal on the gateway (`http://127.0.0.1:<port>/portal/`), or null when none is built or given. */
  portalUrl: string | null;
  idp: EmbeddedIdp;
}

/**
 * A whole hub for one test file: its own database on the shared test PostgreSQL, its own
 * identity provider, the six subgraphs and the gateway on free ports.
 */
export async function startTestHub(
  options: Partial<Pick<HubOptions, 'gatewayProduction' | 'sync' | 'registryRefreshMs' | 'caseViewNotice' | 'subgraphTimeoutMs' | 'portalDir' | 'sharedAuditWriter'>> = {},
): Promise<TestHub> {
  const serverUrl = process.env.HUB_TEST_ADMIN_URL;
  if (!serverUrl) throw new Error('HUB_TEST_ADMIN_URL is not set: run the tests through jest (global setup starts PostgreSQL)');
  const database = `hub_test_${randomBytes(6).toString('hex')}`;
  const adminUrl = await createDatabase(serverUrl, database);
  const idp = await startEmbeddedIdp({ port: 0 });
  // Relays poll every 200 ms besides LISTEN/NOTIFY, so a test waiting for the bank is never long.
  // HUB_TEST_SUPERGRAPH: a supergraph composed elsewhere (work in progress before `npm run compose`); the committed one otherwise.
  const hub = await startHub({
    adminUrl,
    auth: { issuer: idp.issuer, audience: 'hub-api', allowedClients: DEFAULT_ALLOWED_CLIENTS },
    supergraphPath: process.env.HUB_TEST_SUPERGRAPH || undefined,
    ...options,
    sync: options.sync === false ? false : { pollMs: 200, backoffBaseMs: 50, ...options.sync },
  });
  const subgraphUrls = Object.fromEntries(Object.values(hub.subgraphs).map((s) => [s.name, s.url]));
  const client = hubClient({ gatewayUrl: hub.gatewayUrl, subgraphUrls, adminUrl, tokenEndpoint: idp.tokenEndpoint }, async () => {
    await hub.stop();
    await idp.stop();
    await dropDatabase(serverUrl, database);
  });
  return { ...client, hub, portalUrl: hub.portalUrl, idp };
}
