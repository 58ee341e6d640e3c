import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGrantSigner, createGrantVerifier } from '../../auth/access/access-grant';
import { gatewayConfigFromEnv } from '../../gateway/gateway.config';
import { SUBGRAPHS } from '../../scripts/subgraph-registry';
import { ConfigError, SUBGRAPH_NAMES, subgraphConfigFromEnv, syncConfigFromEnv, SubgraphName } from '../../subgraphs/common/config';
import {
  asText,
  ComposeFile,
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
  return vars;
}

const text = composeText();
const compose: ComposeFile = loadCompose();
const services = compose.services;
const vars = dotEnv(text);
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
    const env = () => processEnvironment(service, vars);

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
      expect([...read].filter((key) => set.includes(key))).toEqual(expect.arrayContaining([`${prefix}_DATABASE_URL`, 'AUTH_ISSUER', 'AUDIT_PSEUDONYM_KEY']));
    });

    it('relays its events over NATS JetStream to the bank (the only transport between processes), waiting for NATS to be healthy', () => {
      const sync = syncConfigFromEnv(env());
      expect(sync).toMatchObject({ transport: 'nats', natsUrl: 'nats://nats:4222', regionalPush: null });
      if (name !== 'audit') expect(dependenciesOf(service)).toMatchObject({ nats: 'service_healthy' });
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
          outcome = error instanceof ConfigError && error.message.includes(key) ? 'ConfigError naming it' : `unexpected: ${String(error)}`;
        }
        expect({ key, outcome }).toEqual({ key, outcome: expect.stringMatching(/^(defaulted|ConfigError naming it)$/) });
      }
    });

    it('also takes each of its keys from a file named by <KEY>_FILE (container secrets)', () => {
      const full = env();
      const baseline = subgraphConfigFromEnv(name, full);
      const { env: recorded, read } = recordingEnv(full);
      subgraphConfigFromEnv(name, recorded);
      const secrets = [...read].filter((key) => key.endsWith('_FILE')).map((key) => key.slice(0, -'_FILE'.length)).filter((key) => key in full);
      expect(secrets).toContain('AUDIT_PSEUDONYM_KEY');
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-compose-secrets-'));
      try {
        const fromFiles: Record<string, string> = { ...full };
        for (const key of secrets) {
          const file = path.join(dir, key);
          writeFileSync(file, full[key].replace(/\\n/g, '\n'));
          delete fromFiles[key];
          fromFiles[`${key}_FILE`] = file;
        }
        expect(subgraphConfigFromEnv(name, fromFiles)).toEqual(baseline);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('the gateway service', () => {
    const gateway = services.gateway;
    const env = () => processEnvironment(gateway, vars);

    it('runs the compiled dist/gateway/main.js', () => {
      const command = Array.isArray(gateway.command) ? gateway.command : asText(gateway.command).split(/\s+/);
      expect(command).toContain('dist/gateway/main.js');
      expect(existsSync(path.join(ROOT, 'gateway', 'main.ts'))).toBe(true);
    });

    it('gets every variable its configuration requires: gatewayConfigFromEnv accepts the compose environment, port included', () => {
      const config = gatewayConfigFromEnv(env());
      expect(config.production).toBe(true);
      expect(String(config.port)).toBe(environmentOf(gateway).GATEWAY_PORT);
      expect(gateway.ports ?? []).toContain(`${config.port}:${config.port}`);
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
    const realmFile = path.join(ROOT, 'auth', 'realm', 'hub-realm.json');

    it('imports ./auth/realm/hub-realm.json at start (--import-realm, mounted under /opt/keycloak/data/import/)', () => {
      const mounts = (keycloak.volumes ?? []).map((volume) => volume.split(':'));
      const realmMount = mounts.find(([source]) => path.normalize(source) === path.normalize('./auth/realm/hub-realm.json'));
      expect(realmMount).toBeDefined();
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
});
