/** Who is logged in, as the access token says; the menu shows only what these roles may open. */
export interface Person {
  username: string;
  name: string | null;
  roles: string[];
  organisation: string | null;
}

function decodeSegment(segment: string): Record<string, unknown> {
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

/**
 * Reads the claims without verifying them: the portal only decides what to offer; the gateway and
 * every subgraph verify the token and decide what to answer.
 */
export function personFromAccessToken(accessToken: string): Person {
  const parts = accessToken.split('.');
  if (parts.length !== 3) throw new Error('Маркер доступа не является JWT');
  const claims = decodeSegment(parts[1]);
  const realm = claims.realm_access as { roles?: unknown } | undefined;
  const roles = Array.isArray(realm?.roles) ? realm!.roles.filter((r): r is string => typeof r === 'string') : [];
  const name = typeof claims.name === 'string' ? claims.name : null;
  return {
    username: typeof claims.preferred_username === 'string' ? claims.preferred_username : String(claims.sub ?? ''),
    name,
    roles,
    organisation: typeof claims.organisation === 'string' ? claims.organisation : null,
  };
}

/** A route is offered when the person holds any of its roles. */
export function mayOpen(person: Pick<Person, 'roles'>, roles: readonly string[]): boolean {
  return roles.some((role) => person.roles.includes(role));
}
