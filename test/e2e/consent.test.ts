import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { personInput, signalInput } from '../support/factories';
import { REGISTER_FAMILY, REGISTER_PERSON, reportSignal } from '../support/operations';
import type { HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';
import { loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';

const B = '88701000';
const organisation = (code: string) =>
  loadOrganisationRegistry()
    .all()
    .find((o) => o.code === code)!.id;

/**
 * Another agency's data reaches a caller only where an active consent, or the law, covers the
 * caller's agency, the purpose and the data category; otherwise the part is withheld with the
 * reason. Yoshkar-Ola's (B) social service centre and police unit take part in the case of a child
 * who lives in Vladivostok (A), so territory never opens anything; consents name social services
 * of territory B (or one organisation), never a type region-wide.
 */
const VIEW = /* GraphQL */ `
  query View($id: ID!) {
    child(id: $id) {
      id
      fullName
      snils
      actualAddress
      families {
        members {
          role
          person {
            fullName
            snils
          }
        }
      }
      education {
        signals {
          id
        }
      }
      guardianship {
        signals {
          id
        }
      }
      health {
        signals {
          id
        }
      }
    }
  }
`;
const RECORD_CONSENT = `mutation C($input: RecordConsentInput!) { recordConsent(input: $input) { id status provision } }`;
const WITHDRAW = `mutation W($id: ID!) { withdrawConsent(id: $id) { id status } }`;
const OPEN = `mutation O($input: OpenCaseParticipationInput!) { openCaseParticipation(input: $input) { id } }`;
const EMERGENCY = `mutation E($input: OpenEmergencyAccessInput!) { openEmergencyAccess(input: $input) { id until } }`;

type View = { child: Record<string, unknown> | null };
type Errors = Array<{ path?: Array<string | number>; extensions?: Record<string, unknown> }> | undefined;

const reasonAt = (errors: Errors, path: string) => errors?.find((e) => e.path?.join('.') === path)?.extensions?.reason;

describe('consent, purpose and emergency access decide what another agency sees', () => {
  let t: HubClient;
  let admin: Client;
  let secretary: string;
  let childId: string;
  let motherId: string;

  const read = async (username: string, purpose = 'INDIVIDUAL_PREVENTION') => {
    const r = await t.gql<View>(await t.userToken(username), VIEW, { id: childId }, undefined, { 'x-hub-purpose': purpose });
    return { child: r.data?.child ?? null, errors: r.errors as Errors };
  };
  const consent = async (input: Record<string, unknown>) => {
    const r = await t.gql<{ recordConsent: { id: string } }>(secretary, RECORD_CONSENT, {
      input: { childId, grantorId: motherId, validFrom: '2026-01-01', documentRef: `Согласие № ${randomUUID().slice(0, 6)}`, ...input },
    });
    expect(r.errors).toBeUndefined();
    return r.data!.recordConsent.id;
  };
  const withdrawAll = async () => {
    const { rows } = await admin.query(`SELECT id FROM bank.consent WHERE child_id = $1 AND status = 'active'`, [childId]);
    for (const { id } of rows) await t.gql(secretary, WITHDRAW, { id });
  };

  beforeAll(async () => {
    t = await sharedTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    secretary = await t.userToken('secretary.vlk');
    const reg = async (overrides: Record<string, unknown>) =>
      (await t.gql<{ registerPerson: { person: { id: string } } }>(secretary, REGISTER_PERSON, { input: personInput(overrides) })).data!.registerPerson.person.id;
    childId = await reg({});
    motherId = await reg({ firstName: 'Мать', birthDate: '1987-03-03' });
    await t.gql(secretary, REGISTER_FAMILY, {
      input: {
        idempotencyKey: `consent-family-${childId}`,
        municipality: '05701000',
        categories: [],
        members: [
          { personId: motherId, role: 'MOTHER' },
          { personId: childId, role: 'CHILD' },
        ],
      },
    });
    for (const code of ['social-yol', 'police-yol']) {
      const r = await t.gql(secretary, OPEN, { input: { childId, organisationId: organisation(code), basis: 'Постановление КДН № 7', openedOn: '2026-11-01' } });
      expect(r.errors).toBeUndefined();
    }
    for (const agency of ['education', 'guardianship', 'health'] as const) await t.gql(await t.systemToken(agency), reportSignal(agency), { input: signalInput(childId) });
  });
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });
  afterEach(withdrawAll);

  it('when there is no consent, then the case relationship alone opens nothing and the answer says why', async () => {
    const { child, errors } = await read('social.yol');
    expect(child).toBeNull();
    expect(reasonAt(errors, 'child')).toBe('no_consent');
  });

  it('when the mother consents to identity and education for social services, then exactly those show; documents, contacts and housing are withheld with reasons, health by role', async () => {
    await consent({ grantees: ['SOCIAL'], territories: [B], categories: ['IDENTITY', 'EDUCATION'], purposes: ['INDIVIDUAL_PREVENTION'] });
    const { child, errors } = await read('social.yol');
    expect(child).toMatchObject({ id: childId, snils: null, actualAddress: null, guardianship: null, health: null });
    expect((child!.education as { signals: unknown[] }).signals).toHaveLength(1);
    expect(errors!.find((e) => e.path?.join('.') === 'child.snils')!.extensions).toMatchObject({ code: 'REDACTED', category: 'documents', reason: 'category_not_covered' });
    expect(reasonAt(errors, 'child.actualAddress')).toBe('category_not_covered');
    // The mother's documents follow the same rule as the child's.
    const members = (child!.families as Array<{ members: Array<{ role: string; person: { snils: string | null } }> }>)[0].members;
    const motherIndex = members.findIndex((m) => m.role === 'MOTHER');
    expect(members[motherIndex].person.snils).toBeNull();
    expect(reasonAt(errors, `child.families.0.members.${motherIndex}.person.snils`)).toBe('category_not_covered');
    expect(reasonAt(errors, 'child.guardianship')).toBe('category_not_covered');
    // Health is a special category social services never read on the strength of a case.
    expect(reasonAt(errors, 'child.health')).toBe('not-own-agency');
  });

  it('when the consent is withdrawn, then the next request is refused as withdrawn', async () => {
    const id = await consent({ grantees: ['SOCIAL'], territories: [B], categories: ['IDENTITY', 'EDUCATION'], purposes: ['INDIVIDUAL_PREVENTION'] });
    expect((await read('social.yol')).child).not.toBeNull();
    await t.gql(secretary, WITHDRAW, { id });
    expect(reasonAt((await read('social.yol')).errors, 'child')).toBe('consent_withdrawn');
  });

  it('when the consent has expired, then it opens nothing', async () => {
    await consent({ grantees: ['SOCIAL'], territories: [B], categories: ['IDENTITY'], purposes: ['INDIVIDUAL_PREVENTION'], validFrom: '2025-01-01', validTo: '2025-12-31' });
    expect(reasonAt((await read('social.yol')).errors, 'child')).toBe('consent_expired');
  });

  it('when the caller states a purpose the consent does not cover, then it is refused as such', async () => {
    await consent({ grantees: ['SOCIAL'], territories: [B], categories: ['IDENTITY'], purposes: ['INDIVIDUAL_PREVENTION'] });
    expect(reasonAt((await read('social.yol', 'SOCIAL_SUPPORT')).errors, 'child')).toBe('purpose_not_covered');
  });

  it('when the consent names another agency, then the police, though in the case, see nothing', async () => {
    await consent({ grantees: ['SOCIAL'], territories: [B], categories: ['IDENTITY', 'EDUCATION'], purposes: ['INDIVIDUAL_PREVENTION'] });
    expect(reasonAt((await read('police.yol')).errors, 'child')).toBe('no_consent');
  });

  it('when the parent also recorded a refusal for a category, then the refusal wins over the permission', async () => {
    await consent({ grantees: ['SOCIAL'], territories: [B], categories: ['IDENTITY', 'EDUCATION'], purposes: ['INDIVIDUAL_PREVENTION'] });
    await consent({ grantees: ['SOCIAL'], territories: [B], categories: ['EDUCATION'], purposes: ['INDIVIDUAL_PREVENTION'], provision: 'DENY' });
    const { child, errors } = await read('social.yol');
    expect(child!.education).toBeNull();
    expect(reasonAt(errors, 'child.education')).toBe('consent_denied');
  });

  it('when the request states no purpose, then personal data is refused with a clear error', async () => {
    const r = await t.gql<View>(await t.userToken('secretary.vlk'), VIEW, { id: childId }, undefined, { 'x-hub-purpose': '' });
    expect(r.data?.child ?? null).toBeNull();
    expect(r.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'purpose_missing' });
    expect(r.errors![0].message).toContain('X-Hub-Purpose');
  });

  it("when a consent names someone who is not the child's parent or guardian, then it is refused and not stored", async () => {
    const stranger = (await t.gql<{ registerPerson: { person: { id: string } } }>(secretary, REGISTER_PERSON, { input: personInput({ birthDate: '1980-01-01' }) })).data!.registerPerson.person.id;
    const r = await t.gql(secretary, RECORD_CONSENT, {
      input: { childId, grantorId: stranger, grantees: ['SOCIAL'], categories: ['IDENTITY'], purposes: ['INDIVIDUAL_PREVENTION'], validFrom: '2026-01-01', documentRef: 'x' },
    });
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.grantorId', rule: 'consent.legalRepresentative' });
  });

  describe('emergency access (break-glass)', () => {
    const open = async (justification: string, purpose = 'EMERGENCY') =>
      t.gql<{ openEmergencyAccess: { id: string; until: string } }>(await t.userToken('guardianship.yol'), EMERGENCY, { input: { childId, justification } }, undefined, { 'x-hub-purpose': purpose });

    it('without a justification it is refused; without the EMERGENCY purpose it is refused', async () => {
      expect((await open('срочно')).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'emergency.justification.length' });
      expect((await open('Сообщение полиции: ребёнок один дома трое суток, без еды', 'INDIVIDUAL_PREVENTION')).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      expect(reasonAt((await read('guardianship.yol', 'EMERGENCY')).errors, 'child')).toBe('no-relationship');
    });

    it('with a justification it opens the whole record for a limited time, flagged for the auditors', async () => {
      const opened = await open('Сообщение полиции: ребёнок один дома трое суток, без еды');
      expect(opened.errors).toBeUndefined();
      const hours = (Date.parse(opened.data!.openEmergencyAccess.until) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(3.9);
      expect(hours).toBeLessThanOrEqual(4);

      const requestId = `break-glass-${randomUUID()}`;
      const r = await t.gql<View>(await t.userToken('guardianship.yol'), VIEW, { id: childId }, undefined, { 'x-hub-purpose': 'EMERGENCY', 'x-request-id': requestId });
      expect(r.errors).toBeUndefined();
      expect(r.data!.child).toMatchObject({ id: childId, health: { signals: [expect.anything()] } });
      const { rows } = await admin.query(`SELECT body FROM audit.entry WHERE body->>'requestId' = $1`, [requestId]);
      expect(rows.length).toBeGreaterThanOrEqual(4);
      for (const { body } of rows) expect(body).toMatchObject({ emergency: true, basis: [`emergency:${opened.data!.openEmergencyAccess.id}`] });

      // Once the time is up, the record closes again.
      await admin.query(`UPDATE bank.emergency_access SET until = now() - interval '1 minute' WHERE id = $1`, [opened.data!.openEmergencyAccess.id]);
      expect(reasonAt((await read('guardianship.yol', 'EMERGENCY')).errors, 'child')).toBe('no-relationship');
    });
  });
});
