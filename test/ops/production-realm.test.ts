import { readFileSync } from 'node:fs';
import path from 'node:path';
import { environmentOf, loadCompose, ROOT } from '../support/compose-file';

/** The parts of a Keycloak realm export these checks look at. */
interface Mapper {
  name: string;
  protocolMapper: string;
  config?: Record<string, string>;
}
interface Client {
  clientId: string;
  secret?: string;
  publicClient?: boolean;
  bearerOnly?: boolean;
  directAccessGrantsEnabled?: boolean;
  serviceAccountsEnabled?: boolean;
  standardFlowEnabled?: boolean;
  implicitFlowEnabled?: boolean;
  redirectUris?: string[];
  webOrigins?: string[];
  rootUrl?: string;
  attributes?: Record<string, string>;
  protocolMappers?: Mapper[];
}
interface User {
  username: string;
  serviceAccountClientId?: string;
  credentials?: unknown[];
  realmRoles?: string[];
}
interface Realm {
  realm: string;
  sslRequired?: string;
  roles: { realm: Array<{ name: string; composite?: boolean }> };
  clients: Client[];
  users?: User[];
  components?: unknown;
}

const DEV_FILE = path.join(ROOT, 'auth', 'realm', 'hub-realm.json');
const PROD_FILE = path.join(ROOT, 'auth', 'realm', 'hub-realm.production.json');
const devText = readFileSync(DEV_FILE, 'utf8');
const prodText = readFileSync(PROD_FILE, 'utf8');
const dev = JSON.parse(devText) as Realm;
const prod = JSON.parse(prodText) as Realm;

const PLACEHOLDER = /^\$\{[A-Z][A-Z0-9_]*\}$/;
/**
 * Environment placeholders of the realm: upper-case names. Lower-case ones (`${email}` in the user
 * profile) are Keycloak's message keys, which the import leaves alone when no such variable exists.
 */
const placeholders = (text: string) => [...new Set([...text.matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g)].map((m) => m[1]))].sort();
const clientOf = (realm: Realm, id: string) => realm.clients.find((client) => client.clientId === id)!;
/** A mapper as what it puts in the token: its kind and configuration, not its generated id. */
const mapperKey = (clientId: string, mapper: Mapper) => `${clientId}/${mapper.name}/${mapper.protocolMapper}/${JSON.stringify(Object.entries(mapper.config ?? {}).sort())}`;

describe('the production realm (auth/realm/hub-realm.production.json)', () => {
  it('when compared with the development realm, then it is the same realm with the same clients, realm roles, token mappers and user profile', () => {
    expect(prod.realm).toBe(dev.realm);
    expect(prod.clients.map((c) => c.clientId).sort()).toEqual(dev.clients.map((c) => c.clientId).sort());
    expect(prod.roles.realm.map((r) => r.name).sort()).toEqual(dev.roles.realm.map((r) => r.name).sort());
    const mappers = (realm: Realm) => realm.clients.flatMap((client) => (client.protocolMappers ?? []).map((mapper) => mapperKey(client.clientId, mapper))).sort();
    expect(mappers(prod)).toEqual(mappers(dev));
    // The organisation attribute reaches the portal's tokens as in development (the hub decides access by it).
    expect(mappers(prod).some((key) => key.startsWith('kdn-portal/organisation/'))).toBe(true);
    // The declarative user profile (the organisation and agency attributes) is kept.
    expect(prod.components).toEqual(dev.components);
    expect(prod.sslRequired).not.toBe('none');
  });

  it('when it is imported, then it brings no person: only the service accounts of its clients, without credentials', () => {
    const users = prod.users ?? [];
    expect(users.filter((user) => !user.serviceAccountClientId).map((user) => user.username)).toEqual([]);
    expect(users.filter((user) => user.credentials !== undefined).map((user) => user.username)).toEqual([]);
    // Each service account keeps its realm roles (agency_system, regional_sync), which the permission table reads.
    const accounts = (realm: Realm) =>
      (realm.users ?? []).filter((user) => user.serviceAccountClientId).map((user) => ({ client: user.serviceAccountClientId, roles: [...(user.realmRoles ?? [])].sort() }));
    expect(accounts(prod)).toEqual(accounts(dev));
    expect(accounts(prod).length).toBeGreaterThan(0);
    expect(prodText).not.toMatch(/"demo"|"password"\s*:|"type"\s*:\s*"password"/);
  });

  it('when a client would take a password (direct access grants) or an implicit token, then it is refused: no client allows either', () => {
    expect(prod.clients.filter((client) => client.directAccessGrantsEnabled !== false).map((client) => client.clientId)).toEqual([]);
    expect(prod.clients.filter((client) => client.implicitFlowEnabled).map((client) => client.clientId)).toEqual([]);
    // The development realm does allow it (the demo login): the production file is not a copy of it.
    expect(clientOf(dev, 'kdn-portal').directAccessGrantsEnabled).toBe(true);
    const portal = clientOf(prod, 'kdn-portal');
    expect(portal).toMatchObject({ publicClient: true, standardFlowEnabled: true });
    expect(portal.attributes?.['pkce.code.challenge.method']).toBe('S256');
  });

  it('when a confidential client has a secret, then it is a ${...} placeholder filled from the environment, never a literal', () => {
    const confidential = prod.clients.filter((client) => !client.publicClient && !client.bearerOnly);
    expect(confidential.length).toBe(dev.clients.filter((client) => !client.publicClient && !client.bearerOnly).length);
    for (const client of confidential) expect({ client: client.clientId, secret: client.secret }).toEqual({ client: client.clientId, secret: expect.stringMatching(PLACEHOLDER) });
    // One secret per client: two clients sharing one would be able to act as each other.
    const secrets = confidential.map((client) => client.secret);
    expect(new Set(secrets).size).toBe(secrets.length);
    expect(prodText).not.toMatch(/dev-[a-z-]+-secret/);
  });

  it('when the portal redirects after login or logout, then the addresses come from the environment, not localhost', () => {
    const portal = clientOf(prod, 'kdn-portal');
    const fields = [...(portal.redirectUris ?? []), ...(portal.webOrigins ?? []), portal.rootUrl ?? '', ...(portal.attributes?.['post.logout.redirect.uris'] ?? '').split('##')];
    expect(portal.redirectUris?.length).toBeGreaterThan(0);
    for (const value of fields.filter(Boolean)) expect({ value, fromEnvironment: /^\$\{[A-Z][A-Z0-9_]*\}(\/.*)?$/.test(value) }).toEqual({ value, fromEnvironment: true });
    expect(prodText).not.toMatch(/localhost|127\.0\.0\.1/);
    // No catch-all: a wildcard redirect would hand the code to any site.
    expect(portal.redirectUris).not.toContain('*');
    expect(portal.webOrigins).not.toContain('*');
  });

  it('when docker compose starts Keycloak, then every placeholder of the realm is given to it, as a variable or as a secret file', () => {
    const keycloak = loadCompose().services.keycloak;
    const env = environmentOf(keycloak);
    const names = placeholders(prodText);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect({ name, given: name in env || `${name}_FILE` in env }).toEqual({ name, given: true });
      // Secrets come as files; the wrapper exports each one under its name before Keycloak starts.
      if (/SECRET/.test(name)) expect({ name, file: env[`${name}_FILE`] }).toEqual({ name, file: expect.stringMatching(/^\/run\/secrets\/[a-z0-9_]+$/) });
    }
  });
});
