import { DataSource } from 'typeorm';
import { Principal } from '../../../../auth/principal';
import { teamOf } from '../../cases/workflow/case-records';
import { momentCaption, organisationCaption } from './notify';
import { notifyPerson } from './notification.writer';

/**
 * CP-IS's third trigger (a setting, `CASE_VIEW_NOTICE`): when an organisation outside a case's
 * team (not the commission of its territory, not its checking, lead or supporting organisations)
 * opens the child's card, the curator learns who and when, once per organisation and day; never
 * what was read. One statement when there is nothing to tell.
 */
export async function tellCuratorsOfView(dataSource: DataSource, principal: Principal, childId: string): Promise<void> {
  const organisation = principal.organisation;
  if (!organisation) return;
  const cases: Array<{ id: string; number: string; municipality: string; resolution: Record<string, unknown> | null; checkOrganisations: string[] }> = await dataSource.query(
    `SELECT id, number, municipality, resolution, check_organisations AS "checkOrganisations" FROM kdn_case
     WHERE child_id = $1 AND state NOT IN ('CLOSED', 'ANNULLED', 'MERGED') AND coalesce(resolution->>'curator', '') <> ''`,
    [childId],
  );
  const outsiders = cases.filter((kase) => {
    const team = teamOf(kase);
    if (team.curator === principal.username) return false;
    if (organisation.type === 'kdn' && organisation.territories.includes(kase.municipality)) return false;
    const members = [team.leadOrganisation, ...team.supportingOrganisations, ...kase.checkOrganisations];
    return !members.includes(organisation.id);
  });
  if (outsiders.length === 0) return;
  const today = new Date().toISOString().slice(0, 10);
  await dataSource.transaction(async (em) => {
    for (const kase of outsiders) {
      const fresh = await em.query(`INSERT INTO case_view_notice (case_id, organisation_id, viewed_on) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`, [kase.id, organisation.id, today]);
      if (fresh.length === 0) continue;
      await notifyPerson(
        em,
        teamOf(kase).curator!,
        { ...kase, childId },
        'CASE_VIEWED',
        `Карточку ребёнка (дело ${kase.number}) открыла организация вне команды случая: ${organisationCaption(organisation.id, principal.agency)}, ${momentCaption(new Date())}`,
      );
    }
  });
}
