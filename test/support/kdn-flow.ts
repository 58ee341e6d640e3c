import { randomUUID } from 'node:crypto';
import { personInput } from './factories';
import { REGISTER_FAMILY, REGISTER_PERSON } from './operations';
import type { HubClient } from './hub-client';

const JOURNAL = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number } }`;
const ASSIGN = `mutation($id: ID!, $a: [Agency!]!) { assignCheck(caseId: $id, agencies: $a) { id } }`;
const CONCLUDE = `mutation($id: ID!, $i: ConclusionInput!) { recordConclusion(caseId: $id, input: $i) { id } }`;
const RESOLVE = `mutation($id: ID!, $i: ResolutionInput!) { recordResolution(caseId: $id, input: $i) { id state resolutionKind } }`;
const CLOSE = `mutation($id: ID!, $r: ClosureReason!, $n: String!) { closeCase(caseId: $id, reason: $r, resolutionNumber: $n) { id state } }`;

function ok<T>(r: { errors?: unknown; data: T | null }): T {
  if (r.errors) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.data!;
}

/**
 * The KDN steps that put a family into the data bank and take it out, through the gateway with
 * the demo users' real tokens, for tests that need a registered family rather than test the steps.
 */
export function kdnFlow(t: HubClient) {
  const today = new Date().toISOString().slice(0, 10);
  const as = async <T>(user: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.gql<T>(await t.userToken(user), query, variables, undefined, headers);

  async function person(overrides: Record<string, unknown> = {}): Promise<string> {
    return ok(await as<{ registerPerson: { person: { id: string } } }>('secretary.vlk', REGISTER_PERSON, { input: personInput(overrides) })).registerPerson.person.id;
  }

  /** A mother and a child in one family of the municipality; returns their ids. */
  async function family(overrides: { municipality?: string } = {}): Promise<{ familyId: string; motherId: string; childId: string }> {
    const municipality = overrides.municipality ?? '05701000';
    const motherId = await person({ birthDate: '1987-03-04', municipality });
    const childId = await person({ birthDate: '2013-09-01', municipality });
    const created = ok(
      await as<{ registerFamily: { id: string } }>('secretary.vlk', REGISTER_FAMILY, {
        input: {
          idempotencyKey: `family-${randomUUID()}`,
          municipality,
          categories: ['SINGLE_PARENT'],
          registeredAddress: 'г. Владивосток, ул. Тестовая, д. 3, кв. 9',
          actualAddress: 'г. Владивосток, ул. Тестовая, д. 3, кв. 9',
          members: [
            { personId: motherId, role: 'MOTHER' },
            { personId: childId, role: 'CHILD' },
          ],
        },
      }),
    );
    return { familyId: created.registerFamily.id, motherId, childId };
  }

  /** Journal, check by social protection, its conclusion, and the resolution recognising the SOP: the family enters the register. */
  async function recogniseSop(childId: string, number: string, lead = 'SOCIAL', supporting: string[] = ['POLICE']): Promise<{ id: string; number: string }> {
    const kase = ok(
      await as<{ registerSignalInJournal: { id: string; number: string } }>('secretary.vlk', JOURNAL, {
        i: { childId, urgency: 'URGENT', receivedOn: today, sourceKind: 'SOCIAL', summary: 'Родители злоупотребляют алкоголем, ребёнок без присмотра' },
      }),
    ).registerSignalInJournal;
    ok(await as('secretary.vlk', ASSIGN, { id: kase.id, a: ['SOCIAL'] }));
    ok(
      await as('social.vlk', CONCLUDE, {
        id: kase.id,
        i: { kind: 'SOCIALLY_DANGEROUS', dangerLevel: 'HIGH', violationFound: true, childSafeNow: true, notes: 'Семья в социально опасном положении', sopCriteria: ['EVADING_UPBRINGING_SUBSTANCES'] },
      }),
    );
    ok(await as('chair.vlk', RESOLVE, { id: kase.id, i: { kind: 'SOP', number, date: today, curator: 'curator.vlk', leadAgency: lead, supportingAgencies: supporting, termMonths: 6 } }));
    return kase;
  }

  async function close(caseId: string, reason: string, number: string): Promise<void> {
    ok(await as('secretary.vlk', CLOSE, { id: caseId, r: reason, n: number }));
  }

  return { today, as, person, family, recogniseSop, close };
}
