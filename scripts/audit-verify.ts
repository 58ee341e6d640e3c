import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { openAuditStore } from '../auth/audit/audit-store';
import { Checkpoint, verifyCheckpoint } from '../auth/audit/audit-verifier';
import { auditSigningFromEnv } from '../subgraphs/common/config';

type Env = Record<string, string | undefined>;

/**
 * The hub's public key for checkpoints: the auditor's own copy first (`--public-key`, exported
 * with `auditSigningKey`), else the key the audit service is configured with (its environment).
 */
function publicKeyPem(keyFile: string | undefined, env: Env): string {
  if (keyFile) return readFileSync(keyFile, 'utf8');
  if (env.AUDIT_SIGNING_KEY || env.AUDIT_SIGNING_KEY_FILE) {
    return createPublicKey(auditSigningFromEnv(env).privateKey).export({ type: 'spki', format: 'pem' }).toString();
  }
  if (existsSync('hub-audit.pem')) return readFileSync('hub-audit.pem', 'utf8');
  throw new Error('Нужен открытый ключ хаба, чтобы проверить контрольные точки: --public-key hub-audit.pem (выдаёт запрос auditSigningKey) или AUDIT_SIGNING_KEY сервиса');
}

/**
 * `npm run audit:verify -- [--public-key hub-audit.pem] [--checkpoint checkpoint.json]`
 * Walks the whole access log and holds it against every checkpoint stored beside it, then prints
 * the report (JSON), the result for a checkpoint kept outside the database if given (JSON), and the
 * verdict in Russian as the last line. The stored checkpoints catch a history rewritten and
 * re-hashed inside the database; the outside copy also catches checkpoints deleted with it.
 * AUDIT_DATABASE_URL: a connection that may read the audit schema (the audit role or an administrator).
 * Exit code: 0 intact, 2 not intact, 1 could not verify.
 */
export async function runAuditVerify(argv: string[], env: Env, out: (line: string) => void): Promise<number> {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const url = env.AUDIT_DATABASE_URL;
  if (!url) throw new Error('Не задан AUDIT_DATABASE_URL: подключение к базе, которому разрешено читать схему audit');
  const publicKey = publicKeyPem(flag('public-key'), env);
  const store = await openAuditStore(url);
  try {
    const report = await store.verifyWithCheckpoints(publicKey);
    out(JSON.stringify(report));
    let ok = report.ok;
    let caption = report.summary;
    const checkpointFile = flag('checkpoint');
    if (checkpointFile) {
      const checkpoint = JSON.parse(readFileSync(checkpointFile, 'utf8')) as Checkpoint;
      const result = verifyCheckpoint(checkpoint, publicKey, await store.hashAt(checkpoint.position));
      out(JSON.stringify({ checkpoint: checkpoint.position, ...result }));
      ok = ok && result.ok;
      caption += result.ok
        ? ` Внешняя контрольная точка на позиции ${checkpoint.position} подтверждена.`
        : ` Внешняя контрольная точка на позиции ${checkpoint.position} не подтверждена (${result.reason}).`;
    }
    out(caption);
    return ok ? 0 : 2;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  runAuditVerify(process.argv, process.env, (line) => process.stdout.write(`${line}\n`)).then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
}
