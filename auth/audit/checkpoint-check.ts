import { createPublicKey, KeyObject } from 'node:crypto';
import { Checkpoint, verifyCheckpoint } from './audit-verifier';

/** A checkpoint stored beside the chain, with the hash the chain holds at its position today (undefined: no such position). */
export interface StoredCheckpoint {
  checkpoint: Checkpoint;
  hashAtPosition: string | undefined;
}

export type CheckpointReason = 'checkpoint_signature' | 'checkpoint_mismatch' | 'checkpoint_missing';

export interface CheckpointFailure {
  position: number;
  signedAt: string;
  keyId: string;
  reason: CheckpointReason;
  /** The head hash the hub signed at that position. */
  signedHash: string;
  /** The hash the chain holds there now; null when the position is gone. */
  foundHash: string | null;
  /** The last checkpoint before it that still holds (0: none): whatever was altered lies after this position. */
  lastReachedPosition: number;
}

export interface CheckpointsReport {
  checked: number;
  signatureValid: number;
  failed: number;
  firstFailure: CheckpointFailure | null;
}

const REASONS = { signature: 'checkpoint_signature', position_missing: 'checkpoint_missing', hash_mismatch: 'checkpoint_mismatch' } as const;

/**
 * Holds the chain against every signed checkpoint, oldest first. The chain walk alone cannot see
 * a history rewritten and re-hashed by someone with write access to the table; a checkpoint can,
 * because its hash is signed with a key the database never holds. A checkpoint whose signature
 * does not verify proves nothing and fails too (a forged or re-signed statement).
 */
export function checkCheckpoints(stored: Iterable<StoredCheckpoint>, publicKey: string | KeyObject): CheckpointsReport {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const ordered = [...stored].sort((a, b) => a.checkpoint.position - b.checkpoint.position);
  const report: CheckpointsReport = { checked: 0, signatureValid: 0, failed: 0, firstFailure: null };
  let lastReached = 0;
  for (const { checkpoint, hashAtPosition } of ordered) {
    report.checked++;
    const result = verifyCheckpoint(checkpoint, key, hashAtPosition);
    if (result.reason !== 'signature') report.signatureValid++;
    if (result.ok) {
      if (!report.firstFailure) lastReached = checkpoint.position;
      continue;
    }
    report.failed++;
    report.firstFailure ??= {
      position: checkpoint.position,
      signedAt: checkpoint.signedAt,
      keyId: checkpoint.keyId,
      reason: REASONS[result.reason!],
      signedHash: checkpoint.hash,
      foundHash: hashAtPosition ?? null,
      lastReachedPosition: lastReached,
    };
  }
  return report;
}
