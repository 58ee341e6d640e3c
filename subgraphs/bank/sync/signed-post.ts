import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * POSTs JSON signed with HMAC-SHA256 of the exact body (header X-Hub-Signature-256: sha256=<hex>),
 * as GitHub and Stripe webhooks do, so the receiver can check it came from the hub unchanged.
 * Resolves on 2xx; rejects with the status otherwise, so the caller retries.
 */
export async function signedPost(url: string, secret: string, body: unknown, deliveryId: string, timeoutMs = 10_000): Promise<void> {
  const text = JSON.stringify(body);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(text).digest('hex')}`,
      'x-hub-delivery': deliveryId,
    },
    body: text,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (response.status < 200 || response.status > 299) throw new Error(`${url} answered ${response.status}`);
}

/** Exponential back-off with jitter, capped: attempt 1 waits ~base, then doubling. */
export function backoffMs(attempt: number, baseMs: number, capMs: number): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + Math.random() * (exp / 2));
}

/** For receivers (and tests): constant-time check of X-Hub-Signature-256 against the raw body. */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
