import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadOrganisationRegistry } from '../auth/organisations/organisation-registry';
import { repoRoot } from './repo-root';

interface RealmUser {
  username: string;
  realmRoles?: string[];
  serviceAccountClientId?: string;
  attributes?: { organisation?: string[] };
}

interface RealmClient {
  clientId: string;
  secret?: string;
  serviceAccountsEnabled?: boolean;
}

/**
 * The demo logins as `npm start` prints them: people under the organisation they work for
 * (password `demo`), then the systems with the organisations each may act for.
 */
export function demoLogins(realmFile = path.join(repoRoot(), 'auth', 'realm', 'hub-realm.json')): string[] {
  const realm = JSON.parse(readFileSync(realmFile, 'utf8')) as { users: RealmUser[]; clients: RealmClient[] };
  const registry = loadOrganisationRegistry();
  const people = realm.users.filter((u) => !u.serviceAccountClientId);
  const byOrganisation = new Map<string, RealmUser[]>();
  for (const person of people) {
    const id = person.attributes?.organisation?.[0] ?? '';
    byOrganisation.set(id, [...(byOrganisation.get(id) ?? []), person]);
  }
  const lines = ['Демо-пользователи по организациям (пароль demo):'];
  for (const [id, members] of [...byOrganisation].sort(([a], [b]) => a.localeCompare(b))) {
    const organisation = registry.get(id);
    lines.push(organisation ? `  ${organisation.name} (ОГРН ${organisation.id}, ${organisation.territories.join(', ')}):` : '  Без организации (аудиторы, администратор реестра):');
    lines.push(`    ${members.map((m) => `${m.username} [${(m.realmRoles ?? []).join(', ')}]`).join('; ')}`);
  }
  lines.push('Системы (client credentials; секрет только для разработки) и организации, от имени которых они действуют:');
  for (const client of realm.clients.filter((c) => c.serviceAccountsEnabled)) {
    // Retired organisations stay on allow-lists as history; nobody acts for them.
    const allowed = registry.systemOrganisations(client.clientId).flatMap((id) => registry.get(id) ?? []);
    const acting =
      allowed.length === 0
        ? 'без организации'
        : allowed.length === 1
          ? allowed[0].name
          : `организаций в списке: ${allowed.length}; указать нужную в заголовке X-Hub-Organisation (ОГРН), например ${allowed[allowed.length - 1].id} — ${allowed[allowed.length - 1].name}`;
    lines.push(`  ${client.clientId} / ${client.secret ?? '—'}: ${acting}`);
  }
  return lines;
}
