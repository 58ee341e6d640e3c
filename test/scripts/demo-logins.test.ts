import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';
import { demoLogins } from '../../scripts/demo-logins';

describe('the demo logins npm start prints', () => {
  const lines = demoLogins();
  const realm = JSON.parse(readFileSync(path.join(__dirname, '../../auth/realm/hub-realm.json'), 'utf8')) as {
    users: Array<{ username: string; serviceAccountClientId?: string; attributes?: { organisation?: string[] } }>;
  };

  it('when printed, then every demo person is listed under the organisation of his or her organisation claim', () => {
    const registry = loadOrganisationRegistry();
    for (const user of realm.users.filter((u) => !u.serviceAccountClientId)) {
      const at = lines.findIndex((line) => line.includes(`${user.username} [`));
      expect(at).toBeGreaterThan(0);
      const organisation = registry.get(user.attributes?.organisation?.[0] ?? '');
      expect(lines[at - 1]).toContain(organisation ? organisation.name : 'Без организации');
    }
  });

  it('when printed, then each regional system says it must name its organisation in X-Hub-Organisation', () => {
    expect(lines.find((l) => l.includes('education-regional /'))).toContain('X-Hub-Organisation');
    expect(lines.find((l) => l.includes('education-system /'))).toContain('№ 1');
  });
});
