import { createHmac, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, serviceConfigFromEnv, subgraphConfigFromEnv, syncConfigFromEnv } from '../../subgraphs/common/config';
import { gatewayConfigFromEnv } from '../../gateway/gateway.config';

const pem = (key: { export(options: { type: 'spki' | 'pkcs8'; format: 'pem' }): string | Buffer }, type: 'spki' | 'pkcs8') => key.export({ type, format: 'pem' }).toString();
const grant = generateKeyPairSync('ed25519');
const otherGrant = generateKeyPairSync('ed25519');
const GRANT_PUBLIC = pem(grant.publicKey, 'spki');
const GRANT_PRIVATE = pem(grant.privateKey, 'pkcs8');
const PSEUDONYM_KEY = 'synthetic-pseudonym-key-for-the-config-tests-0123456789';

const dir = mkdtempSync(path.join(tmpdir(), 'hub-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fileWith = (name: string, content: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

/** A development subgraph environment that starts: every test breaks some of it. */
function educationEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    AUTH_ISSUER: 'http://localhost:8080/realms/hub',
    EDUCATION_DATABASE_URL: 'postgres://hub_education:synthetic-password@db:5432/hub',
    ACCESS_GRANT_PUBLIC_KEY: GRANT_PUBLIC,
    AUDIT_PSEUDONYM_KEY: PSEUDONYM_KEY,
    ...overrides,
  };
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('a service configuration read in one pass', () => {
  it('when the environment is complete, then the subgraph configuration is typed and defaulted', () => {
    const config = subgraphConfigFromEnv('education', educationEnv({ EDUCATION_PORT: '4102', DB_POOL_SIZE: '7', CASE_VIEW_NOTICE: 'true' }));
    expect(config).toMatchObject({ name: 'education', port: 4102, poolSize: 7, caseViewNotice: true, host: '0.0.0.0', registryRefreshMs: 30_000, production: false });
    expect(config.auth).toMatchObject({ issuer: 'http://localhost:8080/realms/hub', audience: 'hub-api' });
  });

  it('when several variables are wrong at once, then start fails naming each of them in one message', () => {
    const message = refusal(() =>
      serviceConfigFromEnv(
        'education',
        educationEnv({
          EDUCATION_PORT: 'abc',
          EDUCATION_DATABASE_URL: undefined,
          AUTH_ISSUER: 'keycloak:8080/realms/hub',
          DB_POOL_SIZE: '0',
          REGISTRY_REFRESH_MS: '5s',
          HUB_EVENT_TRANSPORT: 'kafka',
          OUTBOX_BATCH_SIZE: 'many',
        }),
      ),
    );
    expect(message).toMatch(/^Ошибки настройки \(7\)/);
    for (const expected of [
      'EDUCATION_PORT=abc: нужен номер порта, целое число от 0 до 65535',
      'EDUCATION_DATABASE_URL: обязательна, не задана',
      'AUTH_ISSUER=keycloak:8080/realms/hub: схема keycloak:// не подходит; нужна http:// или https://',
      'DB_POOL_SIZE=0: нужно целое число от 1 до 200',
      'REGISTRY_REFRESH_MS=5s: нужно целое число миллисекунд от 100 до 86400000',
      'HUB_EVENT_TRANSPORT=kafka: нужно одно из: inprocess, nats',
      'OUTBOX_BATCH_SIZE=many: нужно целое число от 1 до 10000',
    ]) {
      expect(message).toContain(expected);
    }
  });

  it('when a URL has a wrong scheme or no host, then it is refused, and a password inside it is never shown', () => {
    const message = refusal(() => subgraphConfigFromEnv('education', educationEnv({ EDUCATION_DATABASE_URL: 'mysql://hub_education:Secret-Pass-42@db/hub', AUTH_JWKS_URI: 'not a url' })));
    expect(message).toContain('EDUCATION_DATABASE_URL=mysql://hub_education:***@db/hub: схема mysql:// не подходит; нужна postgres:// или postgresql://');
    expect(message).toContain('AUTH_JWKS_URI=not a url: не адрес');
    expect(message).not.toContain('Secret-Pass-42');
    expect(refusal(() => subgraphConfigFromEnv('education', educationEnv({ EDUCATION_DATABASE_URL: 'postgres:///hub' })))).toBe(
      'Ошибка настройки: EDUCATION_DATABASE_URL=postgres:///hub: в адресе нет хоста',
    );
  });

  it('when a key is cut short or of the wrong kind, then it is named without its value; a bank key pair that does not match is refused', () => {
    const truncated = GRANT_PUBLIC.slice(0, 60);
    const message = refusal(() => subgraphConfigFromEnv('education', educationEnv({ ACCESS_GRANT_PUBLIC_KEY: truncated })));
    expect(message).toContain('ACCESS_GRANT_PUBLIC_KEY: не читается как открытый ключ Ed25519 в PEM');
    expect(message).not.toContain(truncated.slice(30));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    expect(refusal(() => subgraphConfigFromEnv('education', educationEnv({ ACCESS_GRANT_PUBLIC_KEY: pem(rsa, 'spki') })))).toContain(
      'ACCESS_GRANT_PUBLIC_KEY: нужен открытый ключ Ed25519, а это ключ rsa',
    );
    const bankEnv = { ...educationEnv(), BANK_DATABASE_URL: 'postgres://hub_bank:synthetic@db/hub', ACCESS_GRANT_PRIVATE_KEY: pem(otherGrant.privateKey, 'pkcs8') };
    expect(refusal(() => subgraphConfigFromEnv('bank', bankEnv))).toContain('ACCESS_GRANT_PRIVATE_KEY: не пара к ACCESS_GRANT_PUBLIC_KEY');
    expect(subgraphConfigFromEnv('bank', { ...bankEnv, ACCESS_GRANT_PRIVATE_KEY: GRANT_PRIVATE }).accessGrants.privateKey).toBe(GRANT_PRIVATE.replace(/\n$/, ''));
  });

  it('when a secret file ends with a line break, then the configuration holds it trimmed and its HMACs equal those of the variable', () => {
    const fromFile = subgraphConfigFromEnv('education', educationEnv({ AUDIT_PSEUDONYM_KEY: undefined, AUDIT_PSEUDONYM_KEY_FILE: fileWith('pseudonym', `${PSEUDONYM_KEY}\n`) }));
    const fromVariable = subgraphConfigFromEnv('education', educationEnv());
    expect(fromFile.auditPseudonymKey).toBe(PSEUDONYM_KEY);
    const hmac = (key: string) => createHmac('sha256', key).update('child-1').digest('hex');
    expect(hmac(fromFile.auditPseudonymKey)).toBe(hmac(fromVariable.auditPseudonymKey));
    const keyFromFile = subgraphConfigFromEnv('education', educationEnv({ ACCESS_GRANT_PUBLIC_KEY: undefined, ACCESS_GRANT_PUBLIC_KEY_FILE: fileWith('grant.pem', GRANT_PUBLIC) }));
    expect(keyFromFile.accessGrants.publicKey).toBe(GRANT_PUBLIC.replace(/\n$/, ''));
  });

  it('when a secret file is missing or empty, then its _FILE variable and path are named together with the other problems', () => {
    const missing = path.join(dir, 'no-such-secret');
    const message = refusal(() =>
      subgraphConfigFromEnv(
        'education',
        educationEnv({
          AUDIT_PSEUDONYM_KEY: undefined,
          AUDIT_PSEUDONYM_KEY_FILE: missing,
          ACCESS_GRANT_PUBLIC_KEY: undefined,
          ACCESS_GRANT_PUBLIC_KEY_FILE: fileWith('empty', '\n'),
          EDUCATION_PORT: '70000',
        }),
      ),
    );
    expect(message).toContain(`AUDIT_PSEUDONYM_KEY_FILE=${missing}: файл не читается (ENOENT)`);
    expect(message).toContain(`ACCESS_GRANT_PUBLIC_KEY: обязателен (ACCESS_GRANT_PUBLIC_KEY или ACCESS_GRANT_PUBLIC_KEY_FILE) для проверки допусков банка; файл ${path.join(dir, 'empty')} пуст`);
    expect(message).toContain('EDUCATION_PORT=70000');
  });

  it('when production runs with a development secret from a file and a bad port, then both come out in the same message, the secret unshown', () => {
    const message = refusal(() =>
      serviceConfigFromEnv(
        'bank',
        educationEnv({
          NODE_ENV: 'production',
          AUTH_ISSUER: 'https://id.region.example/realms/hub',
          BANK_DATABASE_URL: 'postgres://hub_bank:hub-bank-dev-password@db:5432/hub',
          BANK_PORT: '-1',
          ACCESS_GRANT_PRIVATE_KEY: GRANT_PRIVATE,
          REGIONAL_PUSH_URL: 'https://regional.example/push',
          REGIONAL_PUSH_SECRET_FILE: fileWith('push', 'dev-regional-push-secret\n'),
          AUDIT_PSEUDONYM_KEY: 'too-short-key',
        }),
      ),
    );
    expect(message).toContain('BANK_PORT=-1: нужен номер порта');
    expect(message).toContain('REGIONAL_PUSH_SECRET: секрет из настроек разработки (dev-…-secret)');
    expect(message).toContain('BANK_DATABASE_URL: пароль базы данных из настроек разработки');
    expect(message).toContain('AUDIT_PSEUDONYM_KEY: ключ короче 32 символов');
    expect(message).not.toContain('dev-regional-push-secret');
    expect(message).not.toContain('hub-bank-dev-password');
    expect(message).not.toContain('too-short-key');
  });

  it('when the event settings are wrong in several ways, then each is named: NATS address, stream name, poll interval, user without password, CA file', () => {
    const message = refusal(() =>
      syncConfigFromEnv({
        HUB_EVENT_TRANSPORT: 'nats',
        NATS_URL: 'nats://nats-1:4222,http://nats-2:4222',
        HUB_EVENT_STREAM: 'hub.events',
        OUTBOX_POLL_MS: '1s',
        NATS_USER: 'education',
        NATS_TLS_CA_FILE: path.join(dir, 'no-ca.pem'),
      }),
    );
    for (const expected of [
      'NATS_URL=nats://nats-1:4222,http://nats-2:4222: http://nats-2:4222: схема http:// не подходит',
      'HUB_EVENT_STREAM=hub.events: имя потока JetStream',
      'OUTBOX_POLL_MS=1s: нужно целое число миллисекунд от 50 до 60000',
      'NATS_USER: задан без NATS_PASSWORD',
      `NATS_TLS_CA_FILE=${path.join(dir, 'no-ca.pem')}: файл не читается (ENOENT)`,
    ]) {
      expect(message).toContain(expected);
    }
    expect(refusal(() => syncConfigFromEnv({ HUB_EVENT_TRANSPORT: 'nats' }))).toBe('Ошибка настройки: NATS_URL: обязателен при HUB_EVENT_TRANSPORT=nats');
    expect(syncConfigFromEnv({ HUB_EVENT_TRANSPORT: 'nats', NATS_URL: 'nats://a:4222,tls://b:4222' })).toMatchObject({
      transport: 'nats',
      natsUrl: 'nats://a:4222,tls://b:4222',
      stream: 'HUB_EVENTS',
    });
  });

  it('when the gateway is given several bad settings, then all are named at once; a good environment gives the typed configuration', () => {
    const message = refusal(() =>
      gatewayConfigFromEnv({
        AUTH_ISSUER: 'http://localhost:8080/realms/hub',
        GATEWAY_PORT: '4000x',
        SUBGRAPH_TIMEOUT_MS: '50',
        BANK_URL: 'bank:4001/graphql',
        SAFELIST_ENFORCE: 'yes',
        CLIENT_RATE_PER_S: '-1',
      }),
    );
    for (const expected of [
      'GATEWAY_PORT=4000x',
      'SUBGRAPH_TIMEOUT_MS=50: нужно целое число миллисекунд от 100 до 120000',
      'BANK_URL=bank:4001/graphql',
      'SAFELIST_ENFORCE=yes: нужно true или false',
      'CLIENT_RATE_PER_S=-1',
    ]) {
      expect(message).toContain(expected);
    }
    const config = gatewayConfigFromEnv({ AUTH_ISSUER: 'http://localhost:8080/realms/hub', GATEWAY_PORT: '4100', BANK_URL: 'http://bank.internal:4001/graphql' });
    expect(config).toMatchObject({
      port: 4100,
      subgraphTimeoutMs: 5000,
      enforceSafelist: false,
      registryUrl: 'http://bank.internal:4001/registry',
      subgraphUrls: { bank: 'http://bank.internal:4001/graphql' },
    });
  });
});
