import { spawn } from 'node:child_process';
import path from 'node:path';
import { DEV_PSEUDONYM_KEY } from '../../subgraphs/common/production-guard';

const ROOT = path.join(__dirname, '..', '..');

/** Starts an entry point as production does (its own process, only the given environment) and waits for it to end. */
function start(entry: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', './scripts/ts-register.js', entry], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${entry} did not stop within 60 s: it started despite its configuration\n${output}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** The fatal line's message, as the service prints it (JSON on one line). */
function fatalMessage(output: string): string {
  const line = output.split('\n').find((l) => l.includes('"fatal"'));
  if (!line) throw new Error(`no fatal line in:\n${output}`);
  return (JSON.parse(line) as { msg: string }).msg;
}

describe('a service that starts with a wrong configuration', () => {
  jest.setTimeout(90_000);

  it('when a production subgraph is started with several mistakes, then it exits with 1 before listening and names every variable in one message, no secret value', async () => {
    const { code, output } = await start('subgraphs/education/main.ts', {
      NODE_ENV: 'production',
      AUTH_ISSUER: 'http://id.region.example/realms/hub',
      EDUCATION_PORT: 'x',
      AUDIT_PSEUDONYM_KEY: DEV_PSEUDONYM_KEY,
      OUTBOX_POLL_MS: '1s',
    });
    expect(code).toBe(1);
    expect(output).not.toContain('listening');
    const message = fatalMessage(output);
    expect(message).toMatch(/^Ошибки настройки \(6\)/);
    for (const variable of [
      'EDUCATION_PORT=x',
      'EDUCATION_DATABASE_URL',
      'ACCESS_GRANT_PUBLIC_KEY',
      'AUDIT_PSEUDONYM_KEY: ключ разработки',
      'AUTH_ISSUER: поставщик удостоверений без TLS',
      'OUTBOX_POLL_MS=1s',
    ]) {
      expect(message).toContain(variable);
    }
    expect(message).not.toContain(DEV_PSEUDONYM_KEY);
  });

  it('when the gateway is started with a bad port and a non-TLS issuer in production, then it exits with 1 naming both', async () => {
    const { code, output } = await start('gateway/main.ts', { NODE_ENV: 'production', AUTH_ISSUER: 'http://id.region.example/realms/hub', GATEWAY_PORT: '40OO' });
    expect(code).toBe(1);
    const message = fatalMessage(output);
    expect(message).toContain('GATEWAY_PORT=40OO: нужен номер порта');
    expect(message).toContain('AUTH_ISSUER: поставщик удостоверений без TLS');
  });

  it('when db-init is started with a non-PostgreSQL admin URL and missing role passwords, then it names each before connecting, the admin password masked', async () => {
    const { code, output } = await start('scripts/db-bootstrap.ts', { ADMIN_DATABASE_URL: 'mysql://hub_admin:Synthetic-Admin-9@db/hub', BANK_DB_PASSWORD: 'synthetic-bank-password' });
    expect(code).toBe(1);
    const message = fatalMessage(output);
    expect(message).toContain('ADMIN_DATABASE_URL=mysql://hub_admin:***@db/hub: схема mysql:// не подходит');
    for (const name of ['EDUCATION', 'HEALTH', 'POLICE', 'SOCIAL', 'GUARDIANSHIP', 'AUDIT']) expect(message).toContain(`${name}_DB_PASSWORD: обязательна, не задана`);
    expect(message).not.toContain('BANK_DB_PASSWORD');
    expect(message).not.toContain('Synthetic-Admin-9');
  });
});
