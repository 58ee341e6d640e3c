import type { IncomingMessage, ServerResponse } from 'node:http';
import { pageHeaders } from './login-page';

/** An OAuth error answered as JSON by the token endpoint (RFC 6749 §5.2). */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    readonly basicChallenge = false,
  ) {
    super(description);
  }
}

const MAX_BODY_BYTES = 64 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new OAuthError(413, 'invalid_request', 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The form of a POST, or null when it is not `application/x-www-form-urlencoded`. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded') return null;
  return new URLSearchParams(await readBody(req));
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    // Token responses must not be cached (RFC 6749 5.1); harmless for the rest.
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string, formTargets: string[] = []): void {
  res.writeHead(status, { ...pageHeaders(formTargets), 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
}

export function sendRedirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store', Pragma: 'no-cache', 'Referrer-Policy': 'no-referrer' });
  res.end();
}
