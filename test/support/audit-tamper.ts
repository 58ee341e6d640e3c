import { Client } from 'pg';
import { chainHash, GENESIS_HASH } from '../../auth/audit/audit-verifier';
import { canonicalJson } from '../../auth/audit/canonical-json';

/**
 * What a database superuser can do and the chain walk alone cannot see: replace the log from a
 * position on with other entries (changed, fewer, restored) and recompute every hash after it.
 * Holds append()'s own lock so no writer interleaves, and bypasses the append-only triggers the
 * way only a superuser can. Returns the entries it replaced, oldest first, to restore them.
 */
export async function rewriteTail(admin: Client, from: number, rewrite: (tail: string[]) => string[]): Promise<string[]> {
  await admin.query('BEGIN');
  try {
    await admin.query(`SELECT pg_advisory_xact_lock(hashtext('audit.entry'))`);
    await admin.query(`SET LOCAL session_replication_role = replica`);
    const tail: string[] = (await admin.query(`SELECT canonical FROM audit.entry WHERE position >= $1 ORDER BY position`, [from])).rows.map((r) => r.canonical);
    const [before] = (await admin.query(`SELECT hash FROM audit.entry WHERE position = $1`, [from - 1])).rows;
    let prevHash: string = before?.hash ?? GENESIS_HASH;
    await admin.query(`DELETE FROM audit.entry WHERE position >= $1`, [from]);
    let position = from;
    for (const canonical of rewrite(tail)) {
      const hash = chainHash(prevHash, position, canonical);
      await admin.query(`INSERT INTO audit.entry (position, canonical, prev_hash, hash) VALUES ($1, $2, $3, $4)`, [position, canonical, prevHash, hash]);
      prevHash = hash;
      position++;
    }
    await admin.query('COMMIT');
    return tail;
  } catch (error) {
    await admin.query('ROLLBACK');
    throw error;
  }
}

/** The same entry with its outcome turned around: still valid canonical JSON, so only the hashes can tell. */
export function falsifyOutcome(canonical: string): string {
  const entry = JSON.parse(canonical) as Record<string, unknown>;
  return canonicalJson({ ...entry, outcome: entry.outcome === 'denied' ? 'allowed' : 'denied' });
}

/** Changes one checkpoint row as a superuser (the table refuses updates to everyone else). */
export async function updateCheckpoint(admin: Client, position: number, signature: string): Promise<void> {
  await admin.query('BEGIN');
  try {
    await admin.query(`SET LOCAL session_replication_role = replica`);
    await admin.query(`UPDATE audit.checkpoint SET signature = $1 WHERE position = $2`, [signature, position]);
    await admin.query('COMMIT');
  } catch (error) {
    await admin.query('ROLLBACK');
    throw error;
  }
}
