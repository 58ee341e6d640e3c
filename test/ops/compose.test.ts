import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { Client } from 'pg';
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGrantSigner, createGrantVerifier } from '../../auth/access/access-grant';
import { gatewayConfigFromEnv } from '../../gateway/gateway.config';
import { SUBGRAPHS } from '../../scripts/subgraph-registry';
import { HUB_NODE_FLAGS } from '../../scripts/node-flags';
import { ConfigError, SUBGRAPH_NAMES, subgraphConfigFromEnv, syncConfigFromEnv, SubgraphName } from '../../subgraphs/common/config';
import { HubEvent } from '../../subgraphs/common/events/hub-event';
import { JetStreamEventConsumer } from '../../subgraphs/common/events/nats-consumer';
import { NatsTransport } from '../../subgraphs/common/events/nats-transport';
import { findNatsServerBinary, freePort } from '../../scripts/nats-server';
import {
  asText,
  ComposeFile,
  ComposeService,
  composeText,
  dependenciesOf,
  environmentOf,
  loadCompose,
  MissingVariableError,
  processEnvironment,
  recordingEnv,
  requiredVariables,
  referencedVariables,
  ROOT,
} from '../support/compose-file';

/** Ed25519 keys as `.env` holds them (README: PEM, newlines written as `\n`). */
function envPem(kind: 'private' | 'public', key: ReturnType<typeof generateKeyPairSync>): string {
  const pem = kind === 'private' ? key.privateKey.export({ type: 'pkcs8', format: 'pem' }) : key.publicKey.export({ type: 'spki', format: 'pem' });
  return pem.toString().replace(/\n/g, '\\n');
}

const grantKeys = generateKeyPairSync('ed25519');
const auditKeys = generateKeyPairSync('ed25519');

/** A `.env` an operator could write from README's "Production": every variable the compose file requires. */
function dotEnv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const name of requiredVariables(text)) vars[name] = `dummy-${name.toLowerCase().replace(/_/g, '-')}`;
  vars.ACCESS_GRANT_PRIVATE_KEY = envPem('private', grantKeys);
  vars.ACCESS_GRANT_PUBLIC_KEY = envPem('public', grantKeys);
  vars.AUDIT_SIGNING_KEY = envPem('private', auditKeys);
  vars.AUDIT_PSEUDONYM_KEY = 'a-long-random-pseudonym-key-for-the-compose-test';
  // Public addresses: the proxy terminates TLS for them; the services check tokens against the first.
  vars.KC_HOSTNAME = 'https://auth.hub.example';
  vars.HUB_PUBLIC_URL = 'https://hub.example';
  vars.KDN_PORTAL_URL = 'https://kdn.hub.example';
  return vars;
}

/** PEM as a file holds it (real line breaks, one at the end, as `openssl ... > file` writes). */
function filePem(kind: 'private' | 'public', key: ReturnType<typeof generateKeyPairSync>): string {
  return envPem(kind, key).replace(/\\n/g, '\n');
}

/**
 * ./secrets/ as an operator fills it: one file per secret the compose file declares, written as
 * `echo value > file` does (a trailing line break). The services see them as /run/secrets/<name>;
 * here that path is mapped onto a temporary copy.
 */
const secretsDir = mkdtempSync(path.join(os.tmpdir(), 'hub-compose-run-secrets-'));
afterAll(() => rmSync(secretsDir, { recursive: true, force: true }));

function writeSecretFiles(file: ComposeFile): void {
  const special: Record<string, string> = {
    access_grant_private_key: filePem('private', grantKeys),
    access_grant_public_key: filePem('public', grantKeys),
    audit_signing_key: filePem('private', auditKeys),
    regional_push_secret: '\n',
  };
  for (const name of Object.keys(file.secrets ?? {})) {
    writeFileSync(path.join(secretsDir, name), special[name] ?? `a-long-random-${name.replace(/_/g, '-')}-for-the-compose-test\n`);
  }
}

/** A service's environment with /run/secrets/<name> pointing at the test's copy of ./secrets/<name>. */
function withSecretFiles(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value.startsWith('/run/secrets/') ? path.join(secretsDir, value.slice('/run/secrets/'.length)) : value]));
}

function secretNamesOf(service: ComposeService): string[] {
  return (service.secrets ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.source));
}

const text = composeText();
const compose: ComposeFile = loadCompose();
const services = compose.services;
const vars = dotEnv(text);
writeSecretFiles(compose);
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const supergraph = readFileSync(path.join(ROOT, 'schema', 'supergraph.graphql'), 'utf8');

function joinGraphUrl(name: string): URL {
  const match = supergraph.match(new RegExp(`@join__graph\\(name: "${name}", url: "([^"]+)"\\)`));
  if (!match) throw new Error(`schema/supergraph.graphql has no join__graph for "${name}"`);
  return new URL(match[1]);
}

function healthcheckPort(service: string, probe: '/health/ready' | '/health/live'): number | undefined {
  const test = asText(services[service]?.healthcheck?.test);
  const match = test.match(new RegExp(`https?://[^/:'"\\s]+:(\\d+)${probe.replace(/\//g, '\\/')}`));
  return match ? Number(match[1]) : undefined;
}

function imageTagOf(image: string): string | undefined {
  const withoutDigest = image.split('@')[0];
  const lastSegment = withoutDigest.split('/').pop()!;
  return lastSegment.includes(':') ? lastSegment.split(':').pop() : undefined;
}

describe('docker-compose.yml', () => {
  it('declares a service for every subgraph, the gateway, PostgreSQL, Keycloak, NATS and the database initialisation', () => {
    const names = Object.keys(services);
    for (const name of [...SUBGRAPH_NAMES, 'gateway', 'postgres', 'keycloak', 'nats', 'db-init']) expect(names).toContain(name);
  });

  it('starts with nothing but the variables it requires from .env, and refuses to start without any one of them', () => {
    const notRefused: string[] = [];
    for (const [name, service] of Object.entries(services)) {
      expect(() => processEnvironment(service, vars)).not.toThrow();
      for (const variable of requiredVariables(JSON.stringify(environmentOf(service)))) {
        const { [variable]: _omitted, ...without } = vars;
        try {
          processEnvironment(service, without);
          notRefused.push(`${name}: ${variable}`);
        } catch (error) {
          expect(error).toBeInstanceOf(MissingVariableError);
        }
      }
    }
    expect(notRefused).toEqual([]);
  });

  it('defaults the issuer to the address Keycloak is told it is reached at (KC_HOSTNAME)', () => {
    const realm = JSON.parse(readFileSync(path.join(ROOT, 'auth', 'realm', 'hub-realm.json'), 'utf8')) as { realm: string };
    const keycloakHostname = processEnvironment(services.keycloak, vars).KC_HOSTNAME;
    for (const name of [...SUBGRAPH_NAMES, 'gateway']) {
      expect({ name, issuer: processEnvironment(services[name], vars).AUTH_ISSUER }).toEqual({ name, issuer: `${keycloakHostname.replace(/\/$/, '')}/realms/${realm.realm}` });
    }
  });

  it('requires only variables that README documents', () => {
    const required = requiredVariables(text);
    expect(required.length).toBeGreaterThan(0);
    const undocumented = required.filter((name) => !new RegExp(`\\b${name}\\b`).test(readme));
    expect(undocumented).toEqual([]);
  });

  it('reads from .env only variables that README documents or that have a default', () => {
    const bare = referencedVariables(text).filter((name) => !new RegExp(`\\$\\{${name}:?[-?]`).test(text));
    const undocumented = bare.filter((name) => !new RegExp(`\\b${name}\\b`).test(readme));
    expect(undocumented).toEqual([]);
  });

  it('pins every image to a versioned tag (no :latest, no untagged image), the Dockerfile base images too', () => {
    const images = Object.entries(services)
      .filter(([, service]) => service.image !== undefined)
      .map(([name, service]) => ({ name, image: service.image!, tag: imageTagOf(service.image!) }));
    expect(images.length).toBeGreaterThan(0);
    for (const { name, image, tag } of images) {
      expect({ name, image, pinned: tag !== undefined && tag !== 'latest' && /\d/.test(tag) }).toEqual({ name, image, pinned: true });
    }
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const bases = [...dockerfile.matchAll(/^FROM\s+(\S+)/gim)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const image of bases) {
      const tag = imageTagOf(image);
      expect({ image, pinned: tag !== undefined && tag !== 'latest' && /\d/.test(tag) }).toEqual({ image, pinned: true });
    }
  });

  it("runs every service of the image with the hub's V8 flags, as npm start runs the hub", () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const options = [...dockerfile.matchAll(/^ENV\s+NODE_OPTIONS=(\S+)/gim)].map((m) => m[1]);
    expect(options).toHaveLength(1);
    expect(options[0].split(/\s+/)).toEqual(expect.arrayContaining(HUB_NODE_FLAGS));
  });

  it('gives every long-running service a restart policy and a health check', () => {
    for (const name of [...SUBGRAPH_NAMES, 'gateway', 'postgres', 'keycloak', 'nats']) {
      expect({ name, restart: services[name].restart }).toEqual({ name, restart: expect.stringMatching(/^(always|unless-stopped|on-failure(:\d+)?)$/) });
      expect({ name, healthcheck: asText(services[name].healthcheck?.test).length > 0 }).toEqual({ name, healthcheck: true });
    }
  });

  describe.each([...SUBGRAPH_NAMES])('the %s service', (name: SubgraphName) => {
    const service = services[name];
    const prefix = name.toUpperCase();
    const { defaultPort, productionUrl } = SUBGRAPHS[name];
    const env = () => withSecretFiles(processEnvironment(service, vars));

    it('runs the compiled dist/subgraphs/<name>/main.js of the hub image', () => {
      const command = Array.isArray(service.command) ? service.command : asText(service.command).split(/\s+/);
      expect(command).toContain(`dist/subgraphs/${name}/main.js`);
      expect(existsSync(path.join(ROOT, 'subgraphs', name, 'main.ts'))).toBe(true);
      expect(service.build).toBeDefined();
      expect(service.image).toBe(services.gateway.image);
    });

    it('listens on the registry default port, which the supergraph and the registry production URL name too', () => {
      expect(environmentOf(service)[`${prefix}_PORT`]).toBe(String(defaultPort));
      const routed = joinGraphUrl(name);
      expect(Number(routed.port)).toBe(defaultPort);
      // The gateway reaches the subgraph by its compose service name.
      expect(routed.hostname).toBe(name);
      expect(routed.toString()).toBe(new URL(productionUrl).toString());
      expect(Number(new URL(productionUrl).port)).toBe(defaultPort);
      expect((service.expose ?? []).map(String)).toContain(String(defaultPort));
    });

    it('connects to PostgreSQL as its own role hub_<name>, whose password db-init sets from the same variable', () => {
      const raw = environmentOf(service)[`${prefix}_DATABASE_URL`];
      expect(raw).toBeDefined();
      const url = new URL(env()[`${prefix}_DATABASE_URL`]);
      expect(url.username).toBe(`hub_${name}`);
      expect(url.hostname).toBe('postgres');
      expect(url.pathname).toBe(`/${environmentOf(services.postgres).POSTGRES_DB}`);
      expect(raw).toMatch(new RegExp(`^postgres(ql)?://hub_${name}:\\$\\{${prefix}_DB_PASSWORD[:?}]`));
      expect(environmentOf(services['db-init'])[`${prefix}_DB_PASSWORD`]).toMatch(new RegExp(`^\\$\\{${prefix}_DB_PASSWORD[:?}]`));
    });

    it('is health-checked on /health/ready of that same port and restarts when it fails', () => {
      expect(healthcheckPort(name, '/health/ready')).toBe(defaultPort);
      expect(service.restart).toBeDefined();
      expect(service.restart).not.toBe('no');
    });

    it('waits for db-init to have completed and for Keycloak to be healthy', () => {
      expect(dependenciesOf(service)).toMatchObject({ 'db-init': 'service_completed_successfully', keycloak: 'service_healthy' });
    });

    it('gets every variable its configuration requires: subgraphConfigFromEnv accepts the compose environment', () => {
      const { env: recorded, read } = recordingEnv(env());
      const config = subgraphConfigFromEnv(name, recorded);
      expect(config).toMatchObject({ name, port: defaultPort, host: '0.0.0.0', production: true });
      expect(new URL(config.databaseUrl).username).toBe(`hub_${name}`);
      // Whatever the code read and compose did not set, the code defaulted (it did not throw): list it for the record.
      const set = Object.keys(env());
      expect(read.size).toBeGreaterThan(0);
      expect([...read].filter((key) => set.includes(key))).toEqual(expect.arrayContaining([`${prefix}_DATABASE_URL`, 'AUTH_ISSUER', 'AUDIT_PSEUDONYM_KEY_FILE']));
    });

    it('relays its events over NATS JetStream to the bank (the only transport between processes), waiting for NATS to be healthy', () => {
      const sync = syncConfigFromEnv(env());
      expect(sync).toMatchObject({ transport: 'nats', natsUrl: 'tls://nats:4222', regionalPush: null });
      // Over TLS, checked against the CA of the NATS certificate; each relay and the bank as its own NATS user.
      expect(sync.natsAuth?.tlsCaFile).toBe(path.join(secretsDir, 'nats_ca'));
      if (name !== 'audit') {
        expect(dependenciesOf(service)).toMatchObject({ nats: 'service_healthy' });
        expect(sync.natsAuth).toMatchObject({ user: name, pass: `a-long-random-nats-${name}-password-for-the-compose-test` });
      } else {
        // The audit service publishes and consumes nothing: NATS has no user for it.
        expect(sync.natsAuth?.user).toBeUndefined();
      }
    });

    it('gets keys that parse as the Ed25519 keys the code expects', () => {
      const config = subgraphConfigFromEnv(name, env());
      if (name !== 'audit') {
        expect(() => createGrantVerifier(config.accessGrants.publicKey)).not.toThrow();
        expect(createPublicKey(config.accessGrants.publicKey).asymmetricKeyType).toBe('ed25519');
      }
      if (name === 'bank') {
        expect(() => createGrantSigner(config.accessGrants.privateKey!)).not.toThrow();
        const message = Buffer.from('grant');
        const signature = sign(null, message, createPrivateKey(config.accessGrants.privateKey!));
        expect(verify(null, message, createPublicKey(config.accessGrants.publicKey), signature)).toBe(true);
      } else {
        expect(config.accessGrants.privateKey).toBeUndefined();
      }
      if (name === 'audit') {
        expect(config.auditSigning).toBeDefined();
        expect(createPrivateKey(config.auditSigning!.privateKey).asymmetricKeyType).toBe('ed25519');
      } else {
        expect(config.auditSigning).toBeUndefined();
      }
    });

    it('fails fast with a ConfigError naming <NAME>_DATABASE_URL when the database URL is missing', () => {
      const { [`${prefix}_DATABASE_URL`]: _omitted, ...without } = env();
      expect(() => subgraphConfigFromEnv(name, without)).toThrow(ConfigError);
      expect(() => subgraphConfigFromEnv(name, without)).toThrow(`${prefix}_DATABASE_URL`);
    });

    it('either defaults each variable it is given or, without it, fails fast with a ConfigError naming it', () => {
      const full = env();
      const { env: recorded, read } = recordingEnv(full);
      subgraphConfigFromEnv(name, recorded);
      for (const key of [...read].filter((k) => k in full)) {
        const { [key]: _omitted, ...without } = full;
        let outcome: string;
        try {
          subgraphConfigFromEnv(name, without);
          outcome = 'defaulted';
        } catch (error) {
          // A key given as <KEY>_FILE is named as the key the file holds (the message names both forms or the key).
          outcome = error instanceof ConfigError && error.message.includes(key.replace(/_FILE$/, '')) ? 'ConfigError naming it' : `unexpected: ${String(error)}`;
        }
        expect({ key, outcome }).toEqual({ key, outcome: expect.stringMatching(/^(defaulted|ConfigError naming it)$/) });
      }
    });

    it('takes every key and secret from a container secret file (<KEY>_FILE under /run/secrets/), which gives what the value would', () => {
      const declared = environmentOf(service);
      const fileKeys = Object.keys(declared).filter((key) => key.endsWith('_FILE'));
      expect(fileKeys).toEqual(expect.arrayContaining(['AUDIT_PSEUDONYM_KEY_FILE', ...(name === 'audit' ? ['AUDIT_SIGNING_KEY_FILE'] : ['ACCESS_GRANT_PUBLIC_KEY_FILE'])]));
      // No key, secret or password as a plain variable; database passwords travel only inside the URLs.
      expect(Object.keys(declared).filter((key) => /(KEY|SECRET|PASSWORD)$/.test(key))).toEqual([]);
      for (const key of fileKeys) {
        const secretName = declared[key].replace(/^\/run\/secrets\//, '');
        expect({ key, path: declared[key] }).toEqual({ key, path: `/run/secrets/${secretName}` });
        expect({ key, granted: secretNamesOf(service).includes(secretName) }).toEqual({ key, granted: true });
        expect({ key, file: compose.secrets?.[secretName]?.file }).toEqual({ key, file: `./secrets/${secretName}` });
      }
      const fromFiles = env();
      const fromValues: Record<string, string> = { ...fromFiles };
      // NATS_TLS_CA_FILE names a certificate file by nature (the client reads it); the others hold values.
      for (const key of fileKeys.filter((k) => k !== 'NATS_TLS_CA_FILE')) {
        delete fromValues[key];
        fromValues[key.slice(0, -'_FILE'.length)] = readFileSync(fromFiles[key], 'utf8');
      }
      expect(subgraphConfigFromEnv(name, fromFiles)).toEqual(subgraphConfigFromEnv(name, fromValues));
      expect(syncConfigFromEnv(fromFiles)).toEqual(syncConfigFromEnv(fromValues));
    });
  });

  describe('the gateway service', () => {
    const gateway = services.gateway;
    const env = () => withSecretFiles(processEnvironment(gateway, vars));

    it('runs the compiled dist/gateway/main.js', () => {
      const command = Array.isArray(gateway.command) ? gateway.command : asText(gateway.command).split(/\s+/);
      expect(command).toContain('dist/gateway/main.js');
      expect(existsSync(path.join(ROOT, 'gateway', 'main.ts'))).toBe(true);
    });

    it('gets every variable its configuration requires: gatewayConfigFromEnv accepts the compose environment, port included', () => {
      const config = gatewayConfigFromEnv(env());
      expect(config.production).toBe(true);
      expect(String(config.port)).toBe(environmentOf(gateway).GATEWAY_PORT);
      // Not published: the proxy reaches it on the compose network (see 'the proxy service').
      expect(gateway.ports ?? []).toEqual([]);
      expect((gateway.expose ?? []).map(String)).toContain(String(config.port));
      expect(healthcheckPort('gateway', '/health/live') ?? healthcheckPort('gateway', '/health/ready')).toBe(config.port);
      // No per-subgraph override: it routes to the supergraph's join__graph URLs, the compose service names.
      for (const name of SUBGRAPH_NAMES) {
        const routed = config.subgraphUrls[name] ?? joinGraphUrl(name).toString();
        expect(new URL(routed).hostname).toBe(name);
        expect(Number(new URL(routed).port)).toBe(SUBGRAPHS[name].defaultPort);
      }
      expect(path.relative(ROOT, config.supergraphPath)).toBe(path.join('schema', 'supergraph.graphql'));
    });

    it('fails fast with a ConfigError naming AUTH_ISSUER when the issuer is missing', () => {
      const { AUTH_ISSUER: _omitted, ...without } = env();
      expect(() => gatewayConfigFromEnv(without)).toThrow(ConfigError);
      expect(() => gatewayConfigFromEnv(without)).toThrow('AUTH_ISSUER');
    });

    it('depends on every subgraph being healthy', () => {
      const deps = dependenciesOf(gateway);
      for (const name of SUBGRAPH_NAMES) expect({ name, condition: deps[name] }).toEqual({ name, condition: 'service_healthy' });
    });
  });

  describe('the db-init service', () => {
    const init = services['db-init'];

    it('runs the compiled dist/scripts/db-bootstrap.js once, after PostgreSQL is healthy, with a password for every subgraph role', () => {
      expect(asText(init.command)).toContain('dist/scripts/db-bootstrap.js');
      expect(existsSync(path.join(ROOT, 'scripts', 'db-bootstrap.ts'))).toBe(true);
      expect(init.restart).toBe('no');
      expect(dependenciesOf(init)).toMatchObject({ postgres: 'service_healthy' });
      const env = processEnvironment(init, vars);
      for (const name of SUBGRAPH_NAMES) expect(env[`${name.toUpperCase()}_DB_PASSWORD`]).toBeTruthy();
      const admin = new URL(env.ADMIN_DATABASE_URL);
      const postgres = environmentOf(services.postgres);
      expect(admin.username).toBe(postgres.POSTGRES_USER);
      expect(admin.hostname).toBe('postgres');
      expect(admin.pathname).toBe(`/${postgres.POSTGRES_DB}`);
      expect(decodeURIComponent(admin.password)).toBe(processEnvironment(services.postgres, vars).POSTGRES_PASSWORD);
    });
  });

  describe('the keycloak service', () => {
    const keycloak = services.keycloak;
    const realmFile = path.join(ROOT, 'auth', 'realm', 'hub-realm.production.json');

    it('imports the production realm ./auth/realm/hub-realm.production.json at start (--import-realm, mounted under /opt/keycloak/data/import/), never the development one', () => {
      const mounts = (keycloak.volumes ?? []).map((volume) => volume.split(':'));
      const realmMount = mounts.find(([source]) => path.normalize(source) === path.normalize('./auth/realm/hub-realm.production.json'));
      expect(realmMount).toBeDefined();
      expect(mounts.filter(([source]) => /hub-realm\.json$/.test(source))).toEqual([]);
      expect(realmMount![1]).toMatch(/^\/opt\/keycloak\/data\/import\/[^/]+\.json$/);
      expect(asText(keycloak.command).split(/\s+/)).toContain('--import-realm');
      expect(existsSync(realmFile)).toBe(true);
    });

    it('serves the realm, audience and clients that the services check tokens against', () => {
      const realm = JSON.parse(readFileSync(realmFile, 'utf8')) as { realm: string; clients: Array<{ clientId: string }> };
      const env = processEnvironment(services.gateway, vars);
      expect(new URL(env.AUTH_ISSUER).pathname).toBe(`/realms/${realm.realm}`);
      expect(new URL(env.AUTH_JWKS_URI).hostname).toBe('keycloak');
      expect(new URL(env.AUTH_JWKS_URI).pathname).toBe(`/realms/${realm.realm}/protocol/openid-connect/certs`);
      const clients = realm.clients.map((client) => client.clientId);
      expect(clients).toContain(env.AUTH_AUDIENCE);
      for (const client of env.AUTH_ALLOWED_CLIENTS.split(',')) expect(clients).toContain(client.trim());
    });
  });

  describe('what is reachable from outside', () => {
    const proxyEnv = () => processEnvironment(services.proxy, vars);
    const caddyfile = readFileSync(path.join(ROOT, 'deploy', 'caddy', 'Caddyfile'), 'utf8');
    /** Caddyfile site blocks: address -> body (top-level `{ ... }` blocks, the global options block excluded). */
    function siteBlocks(text: string): Record<string, string> {
      const blocks: Record<string, string> = {};
      const lines = text.replace(/#.*$/gm, '').split('\n');
      let address: string | null = null;
      let depth = 0;
      let body: string[] = [];
      for (const line of lines) {
        const trimmed = line.trim();
        if (depth === 0 && trimmed.endsWith('{')) {
          address = trimmed.slice(0, -1).trim();
          body = [];
        } else if (depth > 0) body.push(trimmed);
        depth += (trimmed.match(/\{/g) ?? []).length - (trimmed.match(/\}/g) ?? []).length;
        if (depth === 0 && address !== null) {
          if (body[body.length - 1] === '}') body.pop();
          if (address) blocks[address] = body.filter(Boolean).join('\n');
          address = null;
        }
      }
      return blocks;
    }
    const sites = siteBlocks(caddyfile);

    it('when the stack runs, then only the TLS proxy publishes a port (443), no other service does', () => {
      const published = Object.entries(services)
        .filter(([, service]) => (service.ports ?? []).length > 0)
        .map(([name, service]) => ({ name, ports: service.ports!.map(String) }));
      expect(published).toEqual([{ name: 'proxy', ports: ['443:443'] }]);
      expect(services.proxy.image).toMatch(/^caddy:2\.\d+\.\d+/);
      expect((services.proxy.volumes ?? []).map((v) => v.split(':').slice(0, 2).join(':'))).toContain('./deploy/caddy/Caddyfile:/etc/caddy/Caddyfile');
    });

    it('when a request reaches the proxy, then the hub address goes to the gateway and the Keycloak address to Keycloak, both over TLS with the certificate from secret files', () => {
      expect(Object.keys(sites).sort()).toEqual(['http://127.0.0.1:8081', '{$HUB_PUBLIC_URL}', '{$KC_HOSTNAME}']);
      // The third site is the health check's, on the loopback only, proxying nothing.
      expect(sites['http://127.0.0.1:8081']).toBe('respond /health 200');
      expect(asText(services.proxy.healthcheck?.test)).toContain('http://127.0.0.1:8081/health');
      const gatewayPort = environmentOf(services.gateway).GATEWAY_PORT;
      expect(sites['{$HUB_PUBLIC_URL}']).toMatch(new RegExp(`^reverse_proxy gateway:${gatewayPort}$`, 'm'));
      expect(sites['{$KC_HOSTNAME}']).toMatch(/^reverse_proxy keycloak:8080$/m);
      for (const body of [sites['{$HUB_PUBLIC_URL}'], sites['{$KC_HOSTNAME}']]) {
        const tls = body.match(/^tls (\S+) (\S+)$/m);
        expect(tls).not.toBeNull();
        for (const file of [tls![1], tls![2]]) {
          const name = file.replace(/^\/run\/secrets\//, '');
          expect(file).toBe(`/run/secrets/${name}`);
          expect(secretNamesOf(services.proxy)).toContain(name);
          expect(compose.secrets?.[name]?.file).toBe(`./secrets/${name}`);
        }
      }
      // Both addresses are https and the issuer the services check is Keycloak's public one.
      const env = proxyEnv();
      for (const key of ['HUB_PUBLIC_URL', 'KC_HOSTNAME']) expect(new URL(env[key]).protocol).toBe('https:');
      expect(env.KC_HOSTNAME).toBe(processEnvironment(services.keycloak, vars).KC_HOSTNAME);
      expect(processEnvironment(services.gateway, vars).AUTH_ISSUER.startsWith(`${env.KC_HOSTNAME}/`)).toBe(true);
    });

    it('when someone asks the public Keycloak address for the admin console or admin API, then the proxy answers 404 before Keycloak', () => {
      const keycloakSite = sites['{$KC_HOSTNAME}'];
      const matcher = keycloakSite.match(/^@(\w+) path (.+)$/m);
      expect(matcher).not.toBeNull();
      expect(matcher![2].split(/\s+/)).toEqual(expect.arrayContaining(['/admin', '/admin/*']));
      expect(keycloakSite).toMatch(new RegExp(`^respond @${matcher![1]} 404$`, 'm'));
      // The refusal comes before the proxying line, and the admin console answers on another address.
      expect(keycloakSite.indexOf(`respond @${matcher![1]}`)).toBeLessThan(keycloakSite.indexOf('reverse_proxy'));
      const keycloak = processEnvironment(services.keycloak, vars);
      expect(new URL(keycloak.KC_HOSTNAME_ADMIN).host).not.toBe(new URL(keycloak.KC_HOSTNAME).host);
      expect(keycloak).toMatchObject({ KC_PROXY_HEADERS: 'xforwarded', KC_HTTP_ENABLED: 'true' });
    });
  });

  describe("Keycloak's database", () => {
    const keycloak = services.keycloak;
    const init = services['keycloak-db-init'];
    const script = readFileSync(path.join(ROOT, 'deploy', 'postgres', 'keycloak-db.sh'), 'utf8');

    it("when Keycloak connects to PostgreSQL, then it is as its own login role to its own database, not as the superuser that owns the hub's data", () => {
      const env = processEnvironment(keycloak, vars);
      const postgres = environmentOf(services.postgres);
      expect(env.KC_DB_USERNAME).toBeTruthy();
      expect(env.KC_DB_USERNAME).not.toBe(postgres.POSTGRES_USER);
      for (const name of SUBGRAPH_NAMES) expect(env.KC_DB_USERNAME).not.toBe(`hub_${name}`);
      const database = env.KC_DB_URL.match(/^jdbc:postgresql:\/\/postgres:5432\/([a-z_]+)$/)?.[1];
      expect(database).toBeDefined();
      expect(database).not.toBe(postgres.POSTGRES_DB);
      // Its password is its own secret file, not the superuser's variable.
      expect(env.KC_DB_PASSWORD).toBeUndefined();
      expect(env.KC_DB_PASSWORD_FILE).toBe('/run/secrets/keycloak_db_password');
      expect(JSON.stringify(environmentOf(keycloak))).not.toContain('POSTGRES_PASSWORD');
      // The one-shot init creates that role (no superuser rights) and that database owned by it, before Keycloak starts.
      expect(dependenciesOf(keycloak)).toMatchObject({ 'keycloak-db-init': 'service_completed_successfully' });
      expect(init.restart).toBe('no');
      expect(script).toMatch(new RegExp(`CREATE ROLE ${env.KC_DB_USERNAME} LOGIN`));
      expect(script).toMatch(new RegExp(`ALTER ROLE ${env.KC_DB_USERNAME} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD`));
      expect(script).toMatch(new RegExp(`CREATE DATABASE ${database} OWNER ${env.KC_DB_USERNAME}`));
      expect(secretNamesOf(init)).toContain('keycloak_db_password');
      expect(script).toContain('/run/secrets/keycloak_db_password');
    });

    it('when the init script runs (twice) against PostgreSQL, then Keycloak logs in to its own database only, without superuser rights, with the password of the current secret file', async () => {
      const server = new URL(process.env.HUB_TEST_ADMIN_URL!);
      const connect = async (user: string, password: string, database: string) => {
        const client = new Client({ host: server.hostname, port: Number(server.port), user, password, database });
        await client.connect();
        return client;
      };
      // The compose superuser and the hub's database, as the postgres image creates them.
      const root = await connect(decodeURIComponent(server.username), decodeURIComponent(server.password), server.pathname.slice(1));
      const adminPassword = `admin-${randomUUID()}`;
      await root.query(`CREATE ROLE hub_admin LOGIN SUPERUSER PASSWORD '${adminPassword}'`);
      await root.query('CREATE DATABASE hub OWNER hub_admin');
      await root.end();
      const hubAdmin = await connect('hub_admin', adminPassword, 'hub');
      await hubAdmin.query('CREATE SCHEMA audit_log; CREATE TABLE audit_log.entries (id int); INSERT INTO audit_log.entries VALUES (1)');
      await hubAdmin.query('CREATE TABLE public.children (id int); INSERT INTO public.children VALUES (1)');
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-keycloak-db-'));
      const runScript = (password: string) => {
        writeFileSync(path.join(dir, 'keycloak_db_password'), `${password}\n`);
        execFileSync('sh', [path.join(ROOT, 'deploy', 'postgres', 'keycloak-db.sh')], {
          env: { PATH: process.env.PATH ?? '', PGHOST: server.hostname, PGPORT: server.port, PGPASSWORD: adminPassword, KEYCLOAK_DB_PASSWORD_FILE: path.join(dir, 'keycloak_db_password') },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
      };
      try {
        runScript("first-pass'word");
        runScript('rotated-password');
        await expect(connect('keycloak', "first-pass'word", 'keycloak')).rejects.toThrow(/password authentication failed/);
        const keycloak = await connect('keycloak', 'rotated-password', 'keycloak');
        try {
          const role = await keycloak.query("SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = 'keycloak'");
          expect(role.rows).toEqual([{ rolsuper: false, rolcreatedb: false, rolcreaterole: false }]);
          const owner = await keycloak.query("SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'keycloak'");
          expect(owner.rows).toEqual([{ owner: 'keycloak' }]);
          // Its own database is its own to lay out (Keycloak's migrations run there).
          await keycloak.query('CREATE TABLE realm_probe (id int)');
        } finally {
          await keycloak.end();
        }
        // The hub's database holds no data of Keycloak's and Keycloak cannot read the hub's.
        const inHub = await connect('keycloak', 'rotated-password', 'hub');
        try {
          await expect(inHub.query('SELECT * FROM audit_log.entries')).rejects.toThrow(/permission denied/);
          await expect(inHub.query('SELECT * FROM public.children')).rejects.toThrow(/permission denied/);
        } finally {
          await inHub.end();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
        await hubAdmin.end();
      }
    }, 60_000);

    it('when the secret-file wrapper starts a program, then each <NAME>_FILE under /run/secrets/ becomes <NAME> (line break dropped), other *_FILE variables stay, and an unreadable secret stops the start', () => {
      // The wrapper itself, with /run/secrets/ moved to a temporary directory.
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-secret-files-'));
      try {
        const secrets = path.join(dir, 'secrets') + '/';
        const wrapper = path.join(dir, 'secret-files.sh');
        writeFileSync(wrapper, readFileSync(path.join(ROOT, 'deploy', 'secret-files.sh'), 'utf8').replace(/\/run\/secrets\//g, secrets));
        execFileSync('mkdir', ['-p', secrets]);
        writeFileSync(path.join(secrets, 'kc_client_secret_x'), "s3cr3t with 'quotes' $HOME\n");
        // Under sh (the NATS image) and under bash (the Keycloak image), which list variables differently.
        for (const shell of ['sh', 'bash']) {
          const run = (env: Record<string, string>) =>
            execFileSync(shell, [wrapper, 'sh', '-c', 'printf "%s|%s|%s|%s" "$KC_CLIENT_SECRET_X" "${KC_CLIENT_SECRET_X_FILE-unset}" "$SSL_CERT_FILE" "${SSL_CERT-unset}"'], {
              env: { PATH: process.env.PATH ?? '', ...env },
              encoding: 'utf8',
            });
          expect(run({ KC_CLIENT_SECRET_X_FILE: path.join(secrets, 'kc_client_secret_x'), SSL_CERT_FILE: '/etc/ssl/certs/ca-certificates.crt' })).toBe(
            "s3cr3t with 'quotes' $HOME|unset|/etc/ssl/certs/ca-certificates.crt|unset",
          );
          expect(() => run({ KC_CLIENT_SECRET_X_FILE: path.join(secrets, 'missing') })).toThrow();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('when Keycloak starts, then its secrets come from files through the wrapper, and it keeps no plain secret variable', () => {
      const env = environmentOf(keycloak);
      expect(Object.keys(env).filter((key) => /(SECRET|PASSWORD)$/.test(key))).toEqual([]);
      const entrypoint = Array.isArray(keycloak.entrypoint) ? keycloak.entrypoint : asText(keycloak.entrypoint).split(/\s+/);
      expect(entrypoint).toEqual(['/bin/bash', '/opt/hub/secret-files.sh', '/opt/keycloak/bin/kc.sh']);
      expect(keycloak.volumes).toContain('./deploy/secret-files.sh:/opt/hub/secret-files.sh:ro');
      for (const [key, value] of Object.entries(env).filter(([key]) => key.endsWith('_FILE'))) {
        const name = value.replace(/^\/run\/secrets\//, '');
        expect({ key, granted: secretNamesOf(keycloak).includes(name), declared: compose.secrets?.[name]?.file }).toEqual({ key, granted: true, declared: `./secrets/${name}` });
      }
    });
  });

  describe('the NATS server', () => {
    const nats = services.nats;
    const confText = readFileSync(path.join(ROOT, 'deploy', 'nats', 'nats-server.conf'), 'utf8');
    const conf = confText.replace(/#.*$/gm, '');
    /** user -> { password reference, subjects it may publish } */
    function natsUsers(): Record<string, { password: string; publish: string[]; subscribe: string[] }> {
      const users: Record<string, { password: string; publish: string[]; subscribe: string[] }> = {};
      const chunks = conf.split(/\buser:\s*/).slice(1);
      for (const chunk of chunks) {
        const name = chunk.match(/^(\w+)/)![1];
        const quoted = (section: string) => {
          const at = chunk.indexOf(`${section}:`);
          if (at < 0) return [];
          const list = chunk.slice(at).match(/allow:\s*\[([^\]]*)\]/);
          return list ? [...list[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [];
        };
        users[name] = { password: chunk.match(/password:\s*(\S+)/)![1], publish: quoted('publish'), subscribe: quoted('subscribe') };
      }
      return users;
    }
    const users = natsUsers();
    const relays = SUBGRAPH_NAMES.filter((name) => environmentOf(services[name]).NATS_USER && name !== 'bank');

    it('when a client connects, then it must be a known user over TLS: no anonymous access, certificate and key from secret files', () => {
      expect(conf).toMatch(/authorization\s*\{/);
      expect(conf).not.toMatch(/no_auth_user|allow_non_tls/);
      const tls = conf.match(/tls\s*\{([^}]*)\}/)?.[1] ?? '';
      for (const key of ['cert_file', 'key_file']) {
        const file = tls.match(new RegExp(`${key}:\\s*"([^"]+)"`))?.[1] ?? '';
        const name = file.replace(/^\/run\/secrets\//, '');
        expect({ key, file }).toEqual({ key, file: `/run/secrets/${name}` });
        expect(secretNamesOf(nats)).toContain(name);
      }
      expect(asText(nats.command)).toContain('/etc/nats/nats-server.conf');
      expect(nats.volumes).toContain('./deploy/nats/nats-server.conf:/etc/nats/nats-server.conf:ro');
      expect(nats.ports ?? []).toEqual([]);
      expect(nats.image).toMatch(/^nats:2\.1[1-9]\.\d+/);
    });

    it('when a relay or the bank connects, then it is its own NATS user, whose password the server and the service take from the same secret file', () => {
      expect(relays.sort()).toEqual(['education', 'guardianship', 'health', 'police', 'social']);
      const natsEnv = environmentOf(nats);
      for (const name of [...relays, 'bank']) {
        const env = environmentOf(services[name]);
        expect({ name, user: env.NATS_USER }).toEqual({ name, user: name });
        const variable = users[name]?.password.replace(/^\$/, '');
        expect({ name, variable }).toEqual({ name, variable: `NATS_${name.toUpperCase()}_PASSWORD` });
        expect({ name, server: natsEnv[`${variable}_FILE`], service: env.NATS_PASSWORD_FILE }).toEqual({ name, server: env.NATS_PASSWORD_FILE, service: `/run/secrets/nats_${name}_password` });
        expect(secretNamesOf(services[name])).toContain(`nats_${name}_password`);
        expect(secretNamesOf(nats)).toContain(`nats_${name}_password`);
      }
      expect(Object.keys(users).sort()).toEqual([...relays, 'bank'].sort());
    });

    it("when an agency relay publishes, then it may publish only its own subjects hub.events.<agency>.>, and the bank none: no one can forge another agency's events", () => {
      for (const name of relays) {
        const events = users[name].publish.filter((subject) => !subject.startsWith('$JS.API.'));
        expect({ name, events }).toEqual({ name, events: [`hub.events.${name}.>`] });
      }
      expect(users.bank.publish.filter((subject) => subject.startsWith('hub.') || subject === '>')).toEqual([]);
      for (const [name, user] of Object.entries(users)) {
        expect({ name, wildcard: [...user.publish, ...user.subscribe].filter((s) => s === '>' || s === '$JS.API.>' || s === 'hub.events.>') }).toEqual({ name, wildcard: [] });
        expect({ name, subscribe: user.subscribe }).toEqual({ name, subscribe: ['_INBOX.>'] });
      }
    });
  });

  /**
   * deploy/nats/nats-server.conf run by a real nats-server (its certificate and key from a throwaway
   * CA, the passwords from the environment as the secret-file wrapper exports them), and the hub's
   * own relay transport and bank consumer connecting with what syncConfigFromEnv reads.
   */
  describe('the NATS server, running its production configuration', () => {
    const binary = findNatsServerBinary();
    const run = binary ? it : it.skip;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-nats-prod-'));
    const passwords: Record<string, string> = {};
    let server: ChildProcess | null = null;
    let url = '';
    let stderr = '';

    beforeAll(async () => {
      if (!binary) return;
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem'),
          '-days',
          '1',
          '-subj',
          '/CN=nats',
          '-addext',
          'subjectAltName=DNS:nats,DNS:localhost,IP:127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      const conf = readFileSync(path.join(ROOT, 'deploy', 'nats', 'nats-server.conf'), 'utf8')
        .replace('/run/secrets/nats_tls_cert', path.join(dir, 'cert.pem'))
        .replace('/run/secrets/nats_tls_key', path.join(dir, 'key.pem'))
        .replace(/store_dir:\s*\/data/, `store_dir: ${JSON.stringify(path.join(dir, 'js'))}`);
      expect(conf).not.toContain('/run/secrets/');
      writeFileSync(path.join(dir, 'nats-server.conf'), conf);
      const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
      for (const user of ['education', 'health', 'police', 'social', 'guardianship', 'bank']) {
        passwords[user] = `pw-${user}-${randomUUID()}`;
        writeFileSync(path.join(dir, `nats_${user}_password`), `${passwords[user]}\n`);
        env[`NATS_${user.toUpperCase()}_PASSWORD`] = passwords[user];
      }
      const [port, monitor] = [await freePort(), await freePort()];
      server = spawn(binary, ['-c', path.join(dir, 'nats-server.conf'), '-a', '127.0.0.1', '-p', String(port), '-m', String(monitor)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      server.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
      url = `tls://127.0.0.1:${port}`;
      for (let attempt = 0; attempt < 100; attempt++) {
        const up = await fetch(`http://127.0.0.1:${monitor}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (up) return;
        if (server.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`nats-server with deploy/nats/nats-server.conf did not start: ${stderr}`);
    }, 30_000);

    afterAll(async () => {
      if (server && server.exitCode === null) {
        const exited = new Promise((resolve) => server!.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    });

    /** What a service's syncConfigFromEnv makes of the compose variables, pointed at this server. */
    function natsOptionsFor(user: string | null, overrides: Record<string, string> = {}) {
      const sync = syncConfigFromEnv({
        HUB_EVENT_TRANSPORT: 'nats',
        NATS_URL: url,
        NATS_TLS_CA_FILE: path.join(dir, 'cert.pem'),
        ...(user ? { NATS_USER: user, NATS_PASSWORD_FILE: path.join(dir, `nats_${user}_password`) } : {}),
        ...overrides,
      });
      return { servers: sync.natsUrl!.split(','), ...sync.natsAuth };
    }

    function event(source: string): HubEvent {
      return {
        eventId: randomUUID(),
        source,
        position: '1',
        aggregateType: 'signal',
        aggregateId: randomUUID(),
        childId: null,
        familyId: null,
        type: 'signal.registered',
        occurredAt: new Date().toISOString(),
        payload: {},
      };
    }

    /** 'stored', or 'refused: <why>' (the server's or the TLS layer's reason). */
    async function publishAs(user: string | null, source: string, overrides: Record<string, string> = {}): Promise<string> {
      const transport = new NatsTransport({ ...natsOptionsFor(user, overrides), name: `test-${user ?? 'anonymous'}`, publishTimeoutMs: 1500 });
      try {
        await transport.publish([event(source)]);
        return 'stored';
      } catch (error) {
        return `refused: ${error instanceof Error ? error.message : String(error)}`;
      } finally {
        await transport.close().catch(() => undefined);
      }
    }

    it('when a NATS user comes without its password, or a password without its user, then the configuration stops naming them', () => {
      const base = { HUB_EVENT_TRANSPORT: 'nats', NATS_URL: 'tls://nats:4222' };
      expect(() => syncConfigFromEnv({ ...base, NATS_USER: 'education' })).toThrow(/NATS_USER.*NATS_PASSWORD/);
      expect(() => syncConfigFromEnv({ ...base, NATS_PASSWORD: 'x' })).toThrow(/NATS_PASSWORD.*NATS_USER/);
      // Without either (npm start, the tests), NATS is used without users, as before.
      expect(syncConfigFromEnv(base).natsAuth).toBeUndefined();
    });

    run(
      'when each agency relay publishes its own events over TLS with its password, then JetStream stores them',
      async () => {
        for (const agency of ['education', 'health', 'police', 'social', 'guardianship']) expect({ agency, outcome: await publishAs(agency, agency) }).toEqual({ agency, outcome: 'stored' });
        // The relays created the stream themselves (the bank may start later): their JetStream API rights suffice.
      },
      60_000,
    );

    run(
      "when a relay publishes under another agency's subject, or the bank publishes at all, then the server refuses it",
      async () => {
        expect(await publishAs('education', 'police')).toMatch(/^refused: .*Permissions Violation for Publish to "hub\.events\.police\./);
        expect(await publishAs('health', 'education')).toMatch(/^refused: .*Permissions Violation for Publish to "hub\.events\.education\./);
        expect(await publishAs('bank', 'education')).toMatch(/^refused: .*Permissions Violation for Publish to "hub\.events\.education\./);
      },
      60_000,
    );

    run(
      'when a client comes without a user, with a wrong password or without TLS, then it cannot publish',
      async () => {
        expect(await publishAs(null, 'education')).toMatch(/^refused: .*Authorization Violation/);
        const wrong = path.join(dir, 'wrong-password');
        writeFileSync(wrong, 'not-the-password\n');
        expect(await publishAs('education', 'education', { NATS_PASSWORD_FILE: wrong })).toMatch(/^refused: .*Authorization Violation/);
        // A nats:// client is made to upgrade to TLS; without the hub's CA it does not trust the server.
        expect(await publishAs('education', 'education', { NATS_URL: url.replace('tls://', 'nats://'), NATS_TLS_CA_FILE: '' })).toMatch(/^refused: .*(self-signed|certificate)/);
      },
      60_000,
    );

    run(
      "when the bank's applier consumes as the bank user, then it receives the agencies' events and none that was refused",
      async () => {
        const published = event('guardianship');
        const transport = new NatsTransport({ ...natsOptionsFor('guardianship'), name: 'test-guardianship' });
        await transport.publish([published]);
        await transport.close();
        const received: HubEvent[] = [];
        const consumer = new JetStreamEventConsumer({
          ...natsOptionsFor('bank'),
          name: 'test-bank',
          fetchWaitMs: 500,
          apply: async (events) => {
            received.push(...events);
          },
        });
        await consumer.start();
        for (let i = 0; i < 100 && !received.some((e) => e.eventId === published.eventId); i++) await new Promise((resolve) => setTimeout(resolve, 100));
        await consumer.stop();
        expect(received.map((e) => e.eventId)).toContain(published.eventId);
        // Every event in the stream is one its own agency published (the refused ones were never stored).
        expect(new Set(received.map((e) => e.source))).toEqual(new Set(['education', 'health', 'police', 'social', 'guardianship']));
        expect(received.filter((e) => e.source === 'police').length).toBe(1);
        expect(received.filter((e) => e.source === 'education').length).toBe(1);
      },
      60_000,
    );
  });
});
