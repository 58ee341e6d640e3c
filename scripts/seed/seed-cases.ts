import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { Principal, Role } from '../../auth/principal';
import { loadIndicatorCatalogue } from '../../schema/catalogue/indicator.catalogue';
import { PersonEntity } from '../../subgraphs/bank/identity/entities/person.entity';
import { KdnCaseService } from '../../subgraphs/bank/cases/services/kdn-case.service';
import { ProgrammeService } from '../../subgraphs/bank/cases/services/programme.service';
import { CASE_LIFE, CaseState } from '../../subgraphs/bank/cases/workflow/case-workflow';
import { repoRoot } from '../repo-root';
import { loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';

/**
 * Demo cases in every state of the workflow, moved there by the real service (history,
 * participations and notifications included), acting as the demo users of each municipality.
 */
function demoPrincipal(username: string, roles: Role[], agency: Principal['agency'], municipality: string): Principal {
  const realm = JSON.parse(readFileSync(path.join(repoRoot(), 'auth', 'realm', 'hub-realm.json'), 'utf8')) as {
    users: Array<{ id: string; username: string; attributes?: { organisation?: string[] } }>;
  };
  const user = realm.users.find((u) => u.username === username);
  const registry = loadOrganisationRegistry();
  const organisation = registry.get(user?.attributes?.organisation?.[0] ?? '') ?? registry.defaultFor(agency ?? 'kdn', municipality);
  return {
    subject: user?.id ?? username,
    username,
    roles,
    organisation,
    agency,
    territories: organisation?.territories ?? [municipality],
    clientId: 'kdn-portal',
    isServiceAccount: false,
    tokenId: null,
  };
}

export async function seedDemoCases(bank: DataSource, perState = 2): Promise<number> {
  const catalogue = loadIndicatorCatalogue();
  const service = new KdnCaseService(bank, catalogue);
  const programme = new ProgrammeService(bank);
  const codes = [catalogue.all.find((i) => i.level === 'POTENTIAL_RISK')!.code, catalogue.all.find((i) => i.level === 'DIFFICULT_SITUATION')!.code];
  let created = 0;
  for (const [suffix, municipality] of [
    ['vlk', '05701000'],
    ['yol', '88701000'],
  ] as const) {
    const secretary = demoPrincipal(`secretary.${suffix}`, ['kdn_secretary'], 'kdn', municipality);
    const chair = demoPrincipal(`chair.${suffix}`, ['kdn_chair'], 'kdn', municipality);
    const social = demoPrincipal(`social.${suffix}`, ['social_specialist'], 'social', municipality);
    const children = await bank
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .where('p.municipality = :municipality AND p.birth_date > :from', { municipality, from: '2009-01-01' })
      .orderBy('p.id')
      .take(CASE_LIFE.length * perState)
      .getMany();
    let index = 0;
    for (const target of CASE_LIFE) {
      for (let n = 0; n < perState && index < children.length; n++, index++) {
        let kase = await service.register(secretary, children[index], {
          childId: children[index].id,
          urgency: 'ROUTINE',
          receivedOn: '2026-11-02',
          sourceKind: n % 2 ? 'EDUCATION' : 'NEIGHBOURS',
          summary: 'Демонстрационный сигнал (вымышленные данные)',
          indicatorCodes: codes,
        });
        const reach = (state: CaseState) => CASE_LIFE.indexOf(target) >= CASE_LIFE.indexOf(state as (typeof CASE_LIFE)[number]);
        if (reach('CHECKING')) kase = await service.assignCheck(secretary, kase, ['social', 'education']);
        if (reach('CONCLUDED'))
          kase = await service.recordConclusion(social, kase, { kind: 'EARLY_STAGE', dangerLevel: 'MEDIUM', violationFound: true, childSafeNow: true, notes: 'Демонстрационное заключение' });
        if (reach('IN_WORK')) {
          kase = await service.recordResolution(chair, kase, {
            kind: 'INDIVIDUAL_WORK',
            number: `Д-${index + 1}`,
            date: '2026-11-10',
            curator: `curator.${suffix}`,
            leadAgency: 'social',
            supportingAgencies: ['education', 'health'],
            termMonths: 6,
          });
        }
        if (reach('PROGRAMME_APPROVED') && target !== 'CLOSED') {
          await programme.addProgrammeRow(chair, kase.id, {
            problem: 'Пропуски занятий (демо)',
            task: 'Вернуть регулярное посещение',
            measure: 'Контроль посещаемости, беседы с родителями',
            executorAgency: 'education',
            dueDate: '2026-12-20',
          });
          kase = await service.approveProgramme(chair, kase);
        }
        if (target === 'CLOSED') await service.close(secretary, kase, 'PROGRAMME_DONE', `Д-${index + 1}/з`);
        created++;
      }
    }
  }
  return created;
}
