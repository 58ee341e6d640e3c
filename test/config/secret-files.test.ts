import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { secret } from '../../subgraphs/common/config';

describe('a secret read from a file named by <KEY>_FILE', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-secret-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const fileWith = (name: string, content: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it('when the file ends with a line break (echo, an editor), then the secret is the same as the variable without it', () => {
    const fromFile = secret({ WEBHOOK_X_SECRET_FILE: fileWith('lf', 'пароль-1\n') }, 'WEBHOOK_X_SECRET');
    const fromCrlfFile = secret({ WEBHOOK_X_SECRET_FILE: fileWith('crlf', 'пароль-1\r\n') }, 'WEBHOOK_X_SECRET');
    const fromVariable = secret({ WEBHOOK_X_SECRET: 'пароль-1' }, 'WEBHOOK_X_SECRET');
    expect(fromFile).toBe('пароль-1');
    expect(fromCrlfFile).toBe('пароль-1');
    expect(fromVariable).toBe('пароль-1');
  });

  it('when a PEM key spans lines, then only the trailing line break goes and the lines inside stay', () => {
    const pem = '-----BEGIN PUBLIC KEY-----\nAAAA\nBBBB\n-----END PUBLIC KEY-----\n';
    expect(secret({ KEY_FILE: fileWith('pem', pem) }, 'KEY')).toBe(pem.slice(0, -1));
  });

  it('when the secret itself ends in spaces, then they are kept: only line breaks are trimmed', () => {
    expect(secret({ KEY_FILE: fileWith('spaces', 'abc  \n') }, 'KEY')).toBe('abc  ');
  });
});
