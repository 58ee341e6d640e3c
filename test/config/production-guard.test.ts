import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, subgraphConfigFromEnv } from '../../subgraphs/common/config';
import { gatewayConfigFromEnv } from '../../gateway/gateway.config';
import { DEV_PSEUDONYM_KEY, refuseDevelopmentSettings } from '../../subgraphs/common/production-guard';

const STRONG_KEY = 'k'.repeat(48);
const GRANT_PUBLIC_KEY = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();

function productionEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    NODE_ENV: 'production',
    AUTH_ISSUER: 'https://id.region.example/realms/hub',
    AUDIT_PSEUDONYM_KEY: STRONG_KEY,
    EDUCATION_DATABASE_URL: 'postgres://hub_education:Xq3-long-random-password@db:5432/hub',
    ACCESS_GRANT_PUBLIC_KEY: GRANT_PUBLIC_KEY,
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
  throw new Error('expected a refusal');
}

describe('production mode refuses development settings', () => {
  it('when a subgraph starts in production with the published pseudonym key, then it refuses and names the variable, never the value', () => {
    const message = refusal(() => subgraphConfigFromEnv('education', productionEnv({ AUDIT_PSEUDONYM_KEY: DEV_PSEUDONYM_KEY })));
    expect(message).toContain('AUDIT_PSEUDONYM_KEY');
    expect(message).not.toContain(DEV_PSEUDONYM_KEY);
  });

  it('when several development settings are present, then every one is named at once', () => {
    const message = refusal(() =>
      refuseDevelopmentSettings(
        productionEnv({
          AUDIT_PSEUDONYM_KEY: 'short',
          EDUCATION_DATABASE_URL: 'postgres://hub_education:hub-education-dev-password@db:5432/hub',
          AUTH_ISSUER: 'http://keycloak.region.example/realms/hub',
          WEBHOOK_POLICE_SYSTEM_SECRET: 'dev-police-secret',
        }),
      ),
    );
    expect(message).toContain('AUDIT_PSEUDONYM_KEY: ключ короче 32 символов');
    expect(message).toContain('EDUCATION_DATABASE_URL: пароль базы данных из настроек разработки');
    expect(message).toContain('AUTH_ISSUER: поставщик удостоверений без TLS');
    expect(message).toContain('WEBHOOK_POLICE_SYSTEM_SECRET');
    expect(message).not.toContain('hub-education-dev-password');
  });

  it('when the gateway starts in production with an http issuer on another host, then it refuses; on localhost it may', () => {
    expect(refusal(() => gatewayConfigFromEnv(productionEnv({ AUTH_ISSUER: 'http://id.region.example/realms/hub' })))).toContain('AUTH_ISSUER');
    expect(() => gatewayConfigFromEnv(productionEnv({ AUTH_ISSUER: 'http://localhost:8080/realms/hub' }))).not.toThrow();
  });

  it('when production settings are real, then the subgraph starts; in development the same development values are accepted', () => {
    expect(subgraphConfigFromEnv('education', productionEnv()).production).toBe(true);
    expect(() => refuseDevelopmentSettings({ ...productionEnv({ AUDIT_PSEUDONYM_KEY: DEV_PSEUDONYM_KEY }), NODE_ENV: 'development' })).not.toThrow();
  });
});
