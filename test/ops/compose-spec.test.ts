import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeText, requiredVariables, ROOT } from '../support/compose-file';
import { COMPOSE_SPEC_PATH, readAsCompose } from '../support/compose-spec-reader';

const text = composeText();

/** A `.env` as an operator writes it from README's "Production": every variable the file requires, nothing more. */
const dotEnv: Record<string, string> = Object.fromEntries(requiredVariables(text).map((name) => [name, `value-of-${name.toLowerCase()}`]));
dotEnv.KC_HOSTNAME = 'https://auth.hub.example';
dotEnv.HUB_PUBLIC_URL = 'https://hub.example';

/** The real file with one edit; the edit must apply, or the test would check the unbroken file. */
function broken(from: string | RegExp, to: string): string {
  const result = text.replace(from, to);
  expect(result).not.toBe(text);
  return result;
}

describe('docker-compose.yml read as Docker Compose reads it (YAML, interpolation, the Compose Specification schema, consistency)', () => {
  it('when the vendored schema is loaded, then it is the Compose Specification with its source and licence noted beside it', () => {
    const schema = JSON.parse(readFileSync(COMPOSE_SPEC_PATH, 'utf8')) as { title: string; $schema: string };
    expect(schema.title).toBe('Compose Specification');
    const source = readFileSync(path.join(ROOT, 'deploy', 'compose-spec', 'SOURCE.md'), 'utf8');
    expect(source).toMatch(/github\.com\/compose-spec\/compose-go/);
    expect(source).toMatch(/\b[0-9a-f]{40}\b/);
    expect(source).toContain('Apache-2.0');
    expect(readFileSync(path.join(ROOT, 'deploy', 'compose-spec', 'LICENSE'), 'utf8')).toContain('Apache License');
  });

  it('when the real file is read with a complete .env, then Compose would accept it', () => {
    const { model, problems } = readAsCompose(text, dotEnv);
    expect(problems).toEqual([]);
    expect(model?.name).toBe('child-welfare-hub');
    expect(Object.keys(model?.services ?? {})).toEqual(expect.arrayContaining(['proxy', 'postgres', 'keycloak', 'nats', 'gateway', 'bank', 'audit']));
  });

  it('when .env lacks a required variable, then the file is refused naming the variable, its message and every place that needs it', () => {
    const { POSTGRES_PASSWORD: _omitted, ...withoutPassword } = dotEnv;
    const { problems } = readAsCompose(text, withoutPassword);
    expect(problems).toContain('services.postgres.environment.POSTGRES_PASSWORD: переменная POSTGRES_PASSWORD не задана: set POSTGRES_PASSWORD');
    expect(problems).toContain('services.db-init.environment.ADMIN_DATABASE_URL: переменная POSTGRES_PASSWORD не задана: set POSTGRES_PASSWORD');
    expect(problems.every((problem) => problem.includes('POSTGRES_PASSWORD'))).toBe(true);
  });

  it('when a service carries a key the specification does not know, then it is refused naming the service and the key', () => {
    const { problems } = readAsCompose(broken('  postgres:\n    image: postgres', '  postgres:\n    restrat: always\n    image: postgres'), dotEnv);
    expect(problems).toEqual(['services.postgres: ключ «restrat» не предусмотрен спецификацией Compose']);
  });

  it('when a service value has the wrong type, then it is refused naming the path and the type wanted', () => {
    expect(readAsCompose(broken('    ports:\n      - "443:443"', '    ports: "443:443"'), dotEnv).problems).toEqual(['services.proxy.ports: нужен тип array']);
    expect(readAsCompose(broken(/(\n {2}nats:\n(?: {4}.*\n)*? {4}restart:) unless-stopped/, '$1 [always]'), dotEnv).problems).toEqual(['services.nats.restart: нужен тип string']);
  });

  it('when a typed field comes from a variable, then it is cast as Compose casts it: a number passes, a word is refused', () => {
    const withVariable = broken('      timeout: 3s\n      retries: 20', '      timeout: 3s\n      retries: ${PG_RETRIES:-20}');
    const accepted = readAsCompose(withVariable, dotEnv);
    expect(accepted.problems).toEqual([]);
    expect((accepted.model?.services?.postgres.healthcheck as { retries: unknown }).retries).toBe(20);
    expect(readAsCompose(withVariable, { ...dotEnv, PG_RETRIES: 'many' }).problems).toEqual(['services.postgres.healthcheck.retries: после подстановки не целое число: "many"']);
  });

  it('when a service uses a secret or a service that is not declared, then it is refused as Compose refuses it', () => {
    const withoutSecret = broken('  nats_ca:\n    file: ./secrets/nats_ca\n', '');
    const { problems } = readAsCompose(withoutSecret, dotEnv);
    expect(problems).toContain('services.bank.secrets: секрет «nats_ca» не объявлен в secrets:');
    expect(readAsCompose(broken('      keycloak-db-init:\n        condition:', '      keycloak-init:\n        condition:'), dotEnv).problems).toEqual([
      'services.keycloak.depends_on: служба «keycloak-init» не объявлена',
    ]);
  });

  it('when a reference is malformed or a key is repeated, then the file is refused before anything else', () => {
    expect(readAsCompose(broken('KC_HOSTNAME: ${KC_HOSTNAME:?set KC_HOSTNAME}', 'KC_HOSTNAME: ${KC_HOSTNAME'), dotEnv).problems).toEqual([
      expect.stringMatching(/^services\.proxy\.environment\.KC_HOSTNAME: неверная подстановка/),
    ]);
    const duplicated = readAsCompose(broken('  postgres:\n    image: postgres:17.7-bookworm\n', '  postgres:\n    image: postgres:17.7-bookworm\n    image: postgres:17.6-bookworm\n'), dotEnv);
    expect(duplicated.model).toBeNull();
    expect(duplicated.problems.join('\n')).toMatch(/^YAML: .*unique/i);
  });
});
