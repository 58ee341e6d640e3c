import { readFileSync } from 'node:fs';
import { openAuditStore } from '../auth/audit/audit-store';
import { Checkpoint, verifyCheckpoint } from '../auth/audit/audit-verifier';

/**
 * `npm run audit:verify -- [--checkpoint checkpoint.json --public-key hub-audit.pem]`
 * Walks the whole access log and prints the first altered position, if any; with a checkpoint
 * kept outside the database, also proves that the chain still reaches its signed head.
 * AUDIT_DATABASE_URL: a connection that may read audit.entry (the audit role or an administrator).
 */
export async function runAuditVerify(argv: string[], env: Record<string, string | undefined>, out: (line: string) => void): Promise<number> {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const url = env.AUDIT_DATABASE_URL;
  if (!url) throw new Error('AUDIT_DATABASE_URL is required');
  const store = await openAuditStore(url);
  try {
    const report = await store.verify();
    out(JSON.stringify(report));
    let ok = report.ok;
    const checkpointFile = flag('checkpoint');
    if (checkpointFile) {
      const checkpoint = JSON.parse(readFileSync(checkpointFile, 'utf8')) as Checkpoint;
      const publicKey = readFileSync(flag('public-key') ?? 'hub-audit.pem', 'utf8');
      const result = verifyCheckpoint(checkpoint, publicKey, await store.hashAt(checkpoint.position));
      out(JSON.stringify({ checkpoint: checkpoint.position, ...result }));
      ok = ok && result.ok;
    }
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
