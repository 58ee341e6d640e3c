import { createPrivateKey, sign } from 'node:crypto';
import { DataSource, Logger } from 'typeorm';
import { AuditLog1763800000900, AuditLogIndexes1763800000902, AuditReview1763800000901 } from './audit.migration';
import { AuditReport, auditReport } from './audit-report';
import { ChainReport, ChainRow, Checkpoint, checkpointMessage, verifyChain } from './audit-verifier';
import { checkCheckpoints, StoredCheckpoint } from './checkpoint-check';

/**
 * The audit schema, opened as its owner role (hub_audit): applies its migration, signs
 * checkpoints, reads the chain for verification. Subgraphs never use this; they only call
 * audit.append() through their own roles.
 */
/** `logger`: the service's statement counter (TypeORM's logger), as every subgraph's data source has one. */
export async function openAuditStore(url: string, logger?: Logger) {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema: 'audit',
    migrations: [AuditLog1763800000900, AuditReview1763800000901, AuditLogIndexes1763800000902],
    migrationsTableName: 'migrations',
    synchronize: false,
    extra: { options: '-c search_path=audit', application_name: 'hub-audit' },
    poolSize: 4,
    ...(logger ? { logging: ['query'] as const, logger } : {}),
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });

  async function* rows(batch = 5000): AsyncGenerator<ChainRow> {
    let after = 0;
    for (;;) {
      const page: Array<{ position: string; canonical: string; prev_hash: string; hash: string }> = await dataSource.query(
        'SELECT position, canonical, prev_hash, hash FROM audit.entry WHERE position > $1 ORDER BY position LIMIT $2',
        [after, batch],
      );
      for (const r of page) yield { position: Number(r.position), canonical: r.canonical, prevHash: r.prev_hash, hash: r.hash };
      if (page.length < batch) return;
      after = Number(page[page.length - 1].position);
    }
  }

  async function verify(): Promise<ChainReport> {
    const all: ChainRow[] = [];
    for await (const row of rows()) all.push(row);
    return verifyChain(all);
  }

  /** Every stored checkpoint with the hash the chain holds at its position now (none: the position is gone). */
  async function storedCheckpoints(): Promise<StoredCheckpoint[]> {
    const found: Array<{ position: string; hash: string; signed_at: Date; key_id: string; signature: string; entry_hash: string | null }> = await dataSource.query(
      `SELECT c.position, c.hash, c.signed_at, c.key_id, c.signature, e.hash AS entry_hash
       FROM audit.checkpoint c LEFT JOIN audit.entry e ON e.position = c.position ORDER BY c.position`,
    );
    return found.map((r) => ({
      checkpoint: { position: Number(r.position), hash: r.hash, signedAt: new Date(r.signed_at).toISOString(), keyId: r.key_id, signature: r.signature },
      hashAtPosition: r.entry_hash ?? undefined,
    }));
  }

  return {
    dataSource,
    /** The chain walk alone: consistent links and hashes, blind to a history re-hashed from the altered entry on. */
    verify,
    storedCheckpoints,
    /**
     * The auditor's verification: the chain walk and every stored checkpoint against the hub's
     * public key. Checkpoints are read first: the log only grows, so the walk that follows still
     * covers every position they name.
     */
    async verifyWithCheckpoints(publicKeyPem: string): Promise<AuditReport> {
      const checkpoints = checkCheckpoints(await storedCheckpoints(), publicKeyPem);
      return auditReport(await verify(), checkpoints);
    },
    async hashAt(position: number): Promise<string | undefined> {
      const [row] = await dataSource.query('SELECT hash FROM audit.entry WHERE position = $1', [position]);
      return row?.hash;
    },
    /**
     * Signs the current head of the chain with the hub's audit key and stores the checkpoint; a head
     * this key has signed already is returned as stored, not signed again.
     *
     * Replicas: every replica of the audit service runs the signing timer, and each position is
     * signed once (a per-item claim, not a leader: there is nothing to hand over when a replica
     * dies). A transaction-level advisory lock lets one signer at a time look at the head, so two
     * never sign the same position with different times, one of which would never be stored
     * while its caller may have handed it to an auditor.
     */
    async signCheckpoint(privateKeyPem: string, keyId: string): Promise<Checkpoint | null> {
      return dataSource.transaction(async (em) => {
        await em.query(`SELECT pg_advisory_xact_lock(hashtext('hub-audit-checkpoint'))`);
        const [head] = await em.query('SELECT position, hash FROM audit.entry ORDER BY position DESC LIMIT 1');
        if (!head) return null;
        const [stored] = await em.query('SELECT position, hash, signed_at, key_id, signature FROM audit.checkpoint WHERE position = $1', [head.position]);
        if (stored && stored.key_id === keyId) {
          return { position: Number(stored.position), hash: stored.hash, signedAt: new Date(stored.signed_at).toISOString(), keyId, signature: stored.signature };
        }
        const unsigned = { position: Number(head.position), hash: head.hash as string, signedAt: new Date().toISOString(), keyId };
        const signature = sign(null, Buffer.from(checkpointMessage(unsigned)), createPrivateKey(privateKeyPem)).toString('base64url');
        // Signed by another key already (a key rotation, a test's own key): that one stays stored.
        await em.query('INSERT INTO audit.checkpoint (position, hash, signed_at, key_id, signature) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (position) DO NOTHING', [
          unsigned.position,
          unsigned.hash,
          unsigned.signedAt,
          keyId,
          signature,
        ]);
        return { ...unsigned, signature };
      });
    },
    close: () => dataSource.destroy(),
  };
}
export type AuditStore = Awaited<ReturnType<typeof openAuditStore>>;
