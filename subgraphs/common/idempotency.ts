import { createHash } from 'node:crypto';
import { canonicalJson } from '../../auth/audit/canonical-json';

export { canonicalJson };

/**
 * Fingerprint of a create request without its idempotency key: a replay with the same key and
 * the same content returns the stored record; the same key with other content is refused.
 */
export function requestHash(input: object): string {
  const { idempotencyKey: _key, ...rest } = input as Record<string, unknown>;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}
