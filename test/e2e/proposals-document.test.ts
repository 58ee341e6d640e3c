import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';
import { MARI_EL_PROPOSALS_CAPTIONS } from '../../subgraphs/bank/documents/services/proposals.document';
import { readDocx } from '../export/read-back';
import { kdnFlow } from '../support/kdn-flow';
import { normaliseForm, seedText } from '../support/seed-text';
import type { GraphQLResult, HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

const registry = loadOrganisationRegistry();
const org = (code: string) => registry.all().find((o) => o.code === code)!;
const SOCIAL = org('social-vlk');
const POLICE = org('police-vlk');
const SOCIAL_USER = 'social.vlk';

const PROPOSE = `mutation($id: ID!, $rows: [ProposedRowInput!]!) { proposeProgrammeRows(caseId: $id, rows: $rows) { id } }`;
const PRINT = `query($id: ID!, $o: ID!) { kdnCase(id: $id) { proposalsDocument(organisationId: $o) { fileName contentType base64 } } }`;
type Doc = { fileName: string; contentType: string; base64: string };
type Printed = { kdnCase: { proposalsDocument: Doc | null } };

const printed = (iso: string) => iso.split('-').reverse().join('.');

describe('an organisation’s proposals to the programme printed as Mari El appendix 5 (DOCX), through the gateway', () => {
  let t: HubClient;
  let flow: ReturnType<typeof kdnFlow>;
  let kase: { id: string; number: string };
  let mother: string;
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const as = async <T>(user: string, query: string, variables: Record<string, unknown>): Promise<GraphQLResult<T>> => t.gql<T>(await t.userToken(user), query, variables);

  beforeAll(async () => {
    t = await sharedTestHub();
    flow = kdnFlow(t);
    const family = await flow.family();
    kase = await flow.recogniseSop(family.childId, `ПД-${randomUUID().slice(0, 4)}`, 'SOCIAL', ['POLICE']);
    const admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query(`SELECT concat_ws(' ', last_name, first_name, middle_name) AS name FROM bank.person WHERE id = $1`, [family.motherId]);
      mother = rows[0].name;
    } finally {
      await admin.end();
    }
    const social = await as(SOCIAL_USER, PROPOSE, {
      id: kase.id,
      rows: [{ problem: 'Мать не работает, семья без средств', task: 'Трудоустройство матери', measure: 'Содействие в поиске работы через центр занятости', dueDate: due }],
    });
    expect(social.errors).toBeUndefined();
    const police = await as('police.vlk', PROPOSE, {
      id: kase.id,
      rows: [{ problem: 'Поздние возвращения домой', task: 'Контроль досуга', measure: 'Профилактическая беседа инспектора ПДН', dueDate: due }],
    });
    expect(police.errors).toBeUndefined();
  }, 180_000);
  afterAll(() => t?.stop());

  it('when the chair prints the lead organisation’s proposals, then the DOCX is the seed’s form with the family and that organisation’s plan only', async () => {
    const r = await as<Printed>('chair.vlk', PRINT, { id: kase.id, o: SOCIAL.id });
    expect(r.errors).toBeUndefined();
    const doc = r.data!.kdnCase.proposalsDocument!;
    expect(doc.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(doc.fileName).toBe(`Предложения_${kase.number}.docx`);
    const file = await readDocx(doc.base64);
    expect(file.hasFieldCodes).toBe(false);
    const text = normaliseForm(file.text);
    const seed = seedText('mariEl');
    const C = MARI_EL_PROPOSALS_CAPTIONS;
    for (const phrase of [C.form, C.title, C.family, C.parents, C.mother, C.father, C.minor, C.plan, ...C.planColumns, C.done, ...C.doneColumns]) {
      expect({ phrase, inSeed: seed.includes(normaliseForm(phrase)), inDocument: text.includes(normaliseForm(phrase)) }).toEqual({ phrase, inSeed: true, inDocument: true });
    }
    expect(file.text).toContain(mother);
    expect(file.text).toContain(SOCIAL.name);
    expect(file.paragraphs).toEqual(expect.arrayContaining(['Мать не работает, семья без средств', 'Трудоустройство матери', 'Содействие в поиске работы через центр занятости', printed(due)]));
    expect(file.text).not.toContain('Поздние возвращения домой');
  });

  it('when a supporting organisation prints, then it gets its own proposals and is refused another’s; an organisation without proposals prints nothing', async () => {
    const own = await as<Printed>('police.vlk', PRINT, { id: kase.id, o: POLICE.id });
    expect(own.errors).toBeUndefined();
    expect((await readDocx(own.data!.kdnCase.proposalsDocument!.base64)).text).toContain('Поздние возвращения домой');
    const others = await as<Printed>('police.vlk', PRINT, { id: kase.id, o: SOCIAL.id });
    expect(others.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:programmeProposals', reason: 'case-role' });
    expect(others.data?.kdnCase?.proposalsDocument ?? null).toBeNull();
    const none = await as<Printed>('chair.vlk', PRINT, { id: kase.id, o: org('school1-vlk').id });
    expect(none.errors).toBeUndefined();
    expect(none.data!.kdnCase.proposalsDocument).toBeNull();
    const unknown = await as<Printed>('chair.vlk', PRINT, { id: kase.id, o: '1000000000000' });
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organisationId', rule: 'organisation.known' });
  });

  it('when a commission of another region asks, then the case itself is refused', async () => {
    const r = await as<Printed>('secretary.yol', PRINT, { id: kase.id, o: SOCIAL.id });
    expect(r.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(r.data?.kdnCase?.proposalsDocument ?? null).toBeNull();
  });
});
