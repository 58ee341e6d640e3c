import type { RealmClient } from './realm-types';

/**
 * Which redirect URIs, post-logout URIs and browser origins a realm client accepts, by Keycloak's
 * rules: exact URIs, or a pattern ending in `*` (a prefix); `+` among web origins (or post-logout
 * URIs) stands for the client's redirect URIs. One addition: on a loopback host (localhost,
 * 127.0.0.1, [::1]) any port matches, as RFC 8252 §7.3 allows, because `npm start` and the tests
 * run the portal on ports chosen at start.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** A redirect target we may send a browser to: absolute http(s), no fragment, no user info. */
function redirectTarget(candidate: string): URL | null {
  const url = parse(candidate);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
  if (candidate.includes('#') || url.username || url.password) return null;
  return url;
}

/** The candidate as it compares against `base`: on the base's loopback host the candidate's port counts as the base's. */
function comparable(candidate: URL, base: URL | null): string {
  if (!base || !LOOPBACK_HOSTS.has(base.hostname) || base.hostname !== candidate.hostname || base.protocol !== candidate.protocol) return candidate.href;
  const copy = new URL(candidate.href);
  copy.port = base.port;
  return copy.href;
}

export function uriMatchesPattern(pattern: string, candidate: string): boolean {
  const target = redirectTarget(candidate);
  if (!target) return false;
  if (pattern.endsWith('*')) {
    const prefix = pattern.slice(0, -1);
    return comparable(target, parse(prefix)).startsWith(prefix);
  }
  const exact = parse(pattern);
  return exact !== null && comparable(target, exact) === exact.href;
}

export function redirectUriAllowed(client: RealmClient, candidate: string): boolean {
  return (client.redirectUris ?? []).some((pattern) => uriMatchesPattern(pattern, candidate));
}

export function postLogoutUriAllowed(client: RealmClient, candidate: string): boolean {
  const patterns = (client.attributes?.['post.logout.redirect.uris'] ?? '').split('##').filter(Boolean);
  return patterns.flatMap((p) => (p === '+' ? (client.redirectUris ?? []) : [p])).some((pattern) => uriMatchesPattern(pattern, candidate));
}

function originMatches(allowed: string, origin: URL): boolean {
  const base = parse(allowed);
  if (!base) return false;
  if (LOOPBACK_HOSTS.has(base.hostname) && base.hostname === origin.hostname && base.protocol === origin.protocol) return true;
  return base.origin === origin.origin;
}

/** Whether a browser page of `origin` (the Origin header) may read this client's answers. */
export function originAllowed(client: RealmClient, origin: string): boolean {
  const url = parse(origin);
  // An Origin header is a bare origin; anything else (`null`, a path) is refused.
  if (!url || url.origin !== origin) return false;
  return (client.webOrigins ?? []).some((entry) => {
    if (entry === '*') return true;
    if (entry === '+') return (client.redirectUris ?? []).some((pattern) => originMatches(pattern.replace(/\*$/, ''), url));
    return originMatches(entry, url);
  });
}
