/**
 * The gateway serving a built portal under /portal/: a small fixture build made here (not the real
 * portal, which another part of the project builds), behind a whole test hub so that /graphql is
 * checked to work beside it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { defaultPortalDir } from '../../gateway/portal-static';
import { startTestHub, type TestHub } from '../support/test-hub';

const INDEX = '<!doctype html><html lang="ru"><head><script type="module" src="/portal/assets/app-3f9a1c.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'document.getElementById("root").textContent = "Портал";';

let t: TestHub;
let dir: string;
let gateway: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'portal-fixture-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), INDEX);
  writeFileSync(path.join(dir, 'assets', 'app-3f9a1c.js'), SCRIPT);
  writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  t = await startTestHub({ portalDir: dir, sync: false });
  gateway = new URL(t.hub.gatewayUrl).origin;
}, 120_000);
afterAll(async () => {
  await t?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function expectPortalHeaders(response: request.Response): void {
  const csp = String(response.headers['content-security-policy']);
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain(`connect-src 'self' ${new URL(t.idp.issuer).origin}`);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
}

describe('the portal on the gateway', () => {
  it('when /portal/ is opened, then index.html comes uncached with the security headers, and the test hub names its URL', async () => {
    expect(t.portalUrl).toBe(`${gateway}/portal/`);
    const response = await request(gateway).get('/portal/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.text).toBe(INDEX);
    expectPortalHeaders(response);
  });

  it('when a hashed asset is fetched, then it is cached for a year; other files are revalidated', async () => {
    const asset = await request(gateway).get('/portal/assets/app-3f9a1c.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.text).toBe(SCRIPT);
    expectPortalHeaders(asset);
    const icon = await request(gateway).get('/portal/favicon.svg');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('when a deep link of the application is opened, then index.html answers; a missing file stays 404', async () => {
    for (const deep of ['/portal/cases/2026-17', '/portal/callback?code=abc&state=x']) {
      const response = await request(gateway).get(deep);
      expect({ deep, status: response.status, body: response.text, cache: response.headers['cache-control'] }).toEqual({ deep, status: 200, body: INDEX, cache: 'no-store' });
    }
    const missing = await request(gateway).get('/portal/assets/missing-123.js');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toBe(INDEX);
    expect((await request(gateway).get('/portal/.env')).status).toBe(404);
  });

  it('when the page asks for its configuration, then it gets the issuer the gateway verifies, its client and the GraphQL path', async () => {
    const response = await request(gateway).get('/portal/config.json');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toEqual({ issuer: t.idp.issuer, clientId: 'kdn-portal', graphqlUrl: '/graphql' });
  });

  it('when the root or /portal without a slash is opened, then the browser is sent to /portal/', async () => {
    const root = await request(gateway).get('/');
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe('/portal/');
    const bare = await request(gateway).get('/portal');
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe('/portal/');
  });

  it('when /graphql and the health probes are called beside the portal, then they answer as before, without the portal headers', async () => {
    const answer = await t.gql(await t.userToken('secretary.vlk'), '{ __typename }');
    expect(answer).toEqual(expect.objectContaining({ status: 200, data: { __typename: 'Query' } }));
    const graphql = await request(gateway).post('/graphql').set('content-type', 'application/json').send({ query: '{ __typename }' });
    expect(graphql.status).toBe(401);
    expect(graphql.headers['content-security-policy']).toBeUndefined();
    const live = await request(gateway).get('/health/live');
    expect(live.body).toEqual({ status: 'live', service: 'gateway' });
  });
});

describe('where the gateway looks for the portal by default', () => {
  it('when portal/dist has an index.html under the repository root, then it is the default; before the build there is none', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'portal-root-'));
    try {
      writeFileSync(path.join(root, 'package.json'), '{}');
      mkdirSync(path.join(root, 'dist', 'gateway'), { recursive: true });
      expect(defaultPortalDir(path.join(root, 'dist', 'gateway'))).toBeNull();
      mkdirSync(path.join(root, 'portal', 'dist'), { recursive: true });
      writeFileSync(path.join(root, 'portal', 'dist', 'index.html'), INDEX);
      expect(defaultPortalDir(path.join(root, 'dist', 'gateway'))).toBe(path.join(root, 'portal', 'dist'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
