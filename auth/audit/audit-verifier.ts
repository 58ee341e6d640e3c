import { createHash, createPublicKey, KeyObject, verify } from 'node:crypto';

export interface ChainRow {
  position: number;
  canonical: string;
  prevHash: string;
  hash: string;
}

export interface Checkpoint {
  position: number;
  hash: string;
  signedAt: string;
  keyId: string;
  signature: string;
}

export type ChainReport =
  { ok: true; checked: number; head: { position: number; hash: string } | null } | { ok: false; checked: number; firstBadPosition: number; reason: 'gap' | 'prev_hash' | 'hash' | 'not_json' };

export const GENESIS_HASH = '0'.repeat(64);

/** The chain rule, the same as audit.append() in the database: sha256(prev | position | canonical). */
export function chainHash(prevHash: string, position: number, canonical: string): string {
  return createHash('sha256').update(`${prevHash}|${position}|${canonical}`, 'utf8').digest('hex');
}

/**
 * Walks the log in position order and reports the first position where it was altered: a
 * missing or reordered entry breaks the positions or the link, a changed entry its own hash.
 */
export function verifyChain(rows: Iterable<ChainRow>): ChainReport {
  let expectedPosition = 1;
  let prev = GENESIS_HASH;
  let checked = 0;
  for (const row of rows) {
    if (row.position !== expectedPosition) return { ok: false, checked, firstBadPosition: expectedPosition, reason: 'gap' };
    if (row.prevHash !== prev) return { ok: false, checked, firstBadPosition: row.position, reason: 'prev_hash' };
    if (chainHash(prev, row.position, row.canonical) !== row.hash) return { ok: false, checked, firstBadPosition: row.position, reason: 'hash' };
    try {
      JSON.parse(row.canonical);
    } catch {
      return { ok: false, checked, firstBadPosition: row.position, reason: 'not_json' };
    }
    prev = row.hash;
    expectedPosition++;
    checked++;
  }
  return { ok: true, checked, head: checked ? { position: expectedPosition - 1, hash: prev } : null };
}

export function checkpointMessage(c: Pick<Checkpoint, 'position' | 'hash' | 'signedAt' | 'keyId'>): string {
  return `hub-audit-checkpoint|${c.keyId}|${c.position}|${c.hash}|${c.signedAt}`;
}

/** True only for a signature by this key over exactly this checkpoint; a malformed signature is simply not genuine. */
export function checkpointSignatureValid(checkpoint: Checkpoint, publicKey: string | KeyObject): boolean {
  // An unreadable key is a configuration error and throws; only the signature is judged here.
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  try {
    return verify(null, Buffer.from(checkpointMessage(checkpoint)), key, Buffer.from(checkpoint.signature, 'base64url'));
  } catch {
    return false;
  }
}

/** A checkpoint kept outside the database proves the chain up to its position: signed by the hub, and matching. */
export function verifyCheckpoint(
  checkpoint: Checkpoint,
  publicKey: string | KeyObject,
  hashAtPosition: string | undefined,
): { ok: boolean; reason?: 'signature' | 'position_missing' | 'hash_mismatch' } {
  if (!checkpointSignatureValid(checkpoint, publicKey)) return { ok: false, reason: 'signature' };
  if (hashAtPosition === undefined) return { ok: false, reason: 'position_missing' };
  if (hashAtPosition !== checkpoint.hash) return { ok: false, reason: 'hash_mismatch' };
  return { ok: true };
}
