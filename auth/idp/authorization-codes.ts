import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived single-use values of the browser login, held in memory: the pending authorization
 * requests (behind the login form) and the authorization codes. Both are random 256-bit ids;
 * `take` removes what it returns, so a code can be redeemed once only.
 */
export class ExpiringStore<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  /**
   * @param lifetimeMs how long an entry is valid
   * @param capacity the endpoints filling it need no login: past this many, the oldest go first
   */
  constructor(
    private readonly lifetimeMs: number,
    private readonly capacity = 10_000,
  ) {}

  add(value: T): string {
    this.purge();
    while (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    const id = randomBytes(32).toString('base64url');
    this.entries.set(id, { value, expiresAt: Date.now() + this.lifetimeMs });
    return id;
  }

  /** The value, leaving it in place (a login form shown again after a wrong password). */
  peek(id: string): T | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(id);
      return null;
    }
    return entry.value;
  }

  /** The value, removed: a second take of the same id finds nothing. */
  take(id: string): T | null {
    const value = this.peek(id);
    this.entries.delete(id);
    return value;
  }

  private purge(): void {
    const now = Date.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}

/** RFC 7636 §4.1/4.2: 43-128 characters of the unreserved set, for both the verifier and the S256 challenge. */
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

export function validPkceValue(value: string | null): value is string {
  return value !== null && PKCE_VALUE.test(value);
}

/** BASE64URL(SHA256(verifier)) == challenge, compared in constant time. */
export function pkceS256Matches(verifier: string, challenge: string): boolean {
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
