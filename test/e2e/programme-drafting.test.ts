import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';
import { Role } from '../../auth/principal';
import { CaseTeam, DUE_ITEM_ADDRESSEES, DUE_ITEM_KINDS, DueAddressee, DueItemKind, teamOf, workersOf } from '../../subgraphs/bank/cases/workflow/case-records';
import { measureInput } from '../support/factories';
import { kdnFlow } from '../support/kdn-flow';
import { recordMeasure } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import type { GraphQLResult, HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

/**
 * Programme drafting as the seeds describe it (Mari El 5.3, 5.5 and appendix 5; Myasnikovsky
 * 5.6-5.7): the lead and supporting organisations propose, the curator composes the draft, the
 * chair approves; the lead keeps the sheet of its own patronage and receives the supporting ones';
 * every due item is addressed to someone the rule of its action admits; and a measure naming a row
 * that is not the writer's is refused by the agency subgraph with the reason. The tests share one
 * case and run in order.
 */

const registry = loadOrganisationRegistry();
const org = (code: string) => registry.all().find((o) => o.code === code)!.id;
const SOCIAL = org('social-vlk');
const SCHOOL1 = org('school1-vlk');
const POLICE = org('police-vlk');

const PROPOSAL = 'id organisationId organisationType problem task measure dueDate proposedBy status programmeRowId rowNo decidedBy declineReason';
const PROPOSE = `mutation($id: ID!, $rows: [ProposedRowInput!]!) { proposeProgrammeRows(caseId: $id, rows: $rows) { ${PROPOSAL} } }`;
const PROPOSALS = `query($id: ID!) { programmeProposals(caseId: $id) { ${PROPOSAL} } }`;
const COMPOSE = `mutation($id: ID!, $a: [AcceptProgrammeProposalInput!]!, $d: [DeclineProgrammeProposalInput!]!) { composeProgramme(caseId: $id, accept: $a, decline: $d) { ${PROPOSAL} } }`;
const APPROVE = `mutation($id: ID!) { approveProgramme(caseId: $id) { state } }`;
const RECORD = `mutation($id: ID!, $i: CaseRecordInput!) { recordCaseRecord(caseId: $id, input: $i) { id kind agency recordedBy } }`;
const DUE = `query($caseId: ID) { dueItems(caseId: $caseId, first: 1000) { caseId kind agency organisationId curator addressee dueOn rowNo } }`;

type Proposal = {
  id: string;
  organisationId: string;
  organisationType: string;
  problem: string;
  task: string;
  measure: string;
  dueDate: string;
  proposedBy: string;
  status: string;
  programmeRowId: string | null;
  rowNo: number | null;
  decidedBy: string | null;
  declineReason: string | null;
};
type Due = { caseId: string; kind: DueItemKind; agency: string; organisationId: string | null; curator: string | null; addressee: DueAddressee; dueOn: string; rowNo: number | null };

describe('programme drafting: proposals of the lead and supporting organisations, the curator’s draft, patronage sheets, due items addressed to who may act, measures refused with the reason', () => {
  let t: HubClient;
  let admin: Client;
  let childId: string;
  let kase: { id: string; number: string };
  let checking: { id: string };
  const proposals: Record<string, Proposal> = {};
  let rows: Array<{ id: string; rowNo: number; executorOrganisation: string; measure: string; due: string }> = [];
  /** Every due item the hub produced in these tests, to check each addressee against the rules. */
  const seen: Due[] = [];

  const as = async <T = Record<string, unknown>>(user: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> =>
    t.gql<T>(await t.userToken(user), query, variables);
  const ok = <T>(result: GraphQLResult<T>): T => {
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const due = async (caseId: string) => {
    const items = ok(await as<{ dueItems: Due[] }>('secretary.vlk', DUE, { caseId })).dueItems;
    seen.push(...items);
    return items;
  };
  const kinds = (items: Due[]) => items.map((i) => `${i.kind}:${i.addressee}:${i.organisationId ?? i.curator ?? i.agency}`).sort();
  /** The proposals to this file's case (other files share the hub). */
  const stored = async () => Number((await admin.query(`SELECT count(*) FROM bank.programme_proposal WHERE case_id = $1`, [kase.id])).rows[0].count);
  const notified = async (organisation: string) =>
    (await admin.query(`SELECT kind, message FROM bank.notification WHERE case_id = $1 AND recipient_organisation = $2 ORDER BY created_at`, [kase.id, organisation])).rows as Array<{
      kind: string;
      message: string;
    }>;
  const proposal = (problem: string, days: number) => ({
    problem,
    task: 'Устранить причины неблагополучия',
    measure: `Мероприятие: ${problem}`,
    dueDate: new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10),
  });

  beforeAll(async () => {
    t = await sharedTestHub();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    const flow = kdnFlow(t);
    childId = (await flow.family()).childId;
    // Lead: the social service centre (the curator's own organisation); supporting: school No. 1 and the police unit.
    kase = await flow.recogniseSop(childId, `ПР-${randomUUID().slice(0, 4)}`, 'SOCIAL', ['EDUCATION', 'POLICE']);
    // A second case of the child, at its check, so that CHECK items are produced too.
    const other = ok(
      await as<{ registerSignalInJournal: { id: string } }>('secretary.vlk', `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id } }`, {
        i: { childId, urgency: 'ROUTINE', receivedOn: flow.today, sourceKind: 'POLICE', summary: 'Сообщение ПДН' },
      }),
    ).registerSignalInJournal;
    ok(await as('secretary.vlk', `mutation($id: ID!) { assignCheck(caseId: $id, agencies: [POLICE]) { id } }`, { id: other.id }));
    checking = other;
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  it('when the resolution puts the case in work, then the draft is due from the curator and the proposals from the lead and each supporting organisation', async () => {
    const items = (await due(kase.id)).filter((i) => i.kind === 'PROGRAMME_DRAFT' || i.kind === 'PROGRAMME_PROPOSALS');
    expect(kinds(items)).toEqual(
      [
        'PROGRAMME_DRAFT:CURATOR:curator.vlk',
        `PROGRAMME_PROPOSALS:LEAD_AGENCY:${SOCIAL}`,
        `PROGRAMME_PROPOSALS:SUPPORTING_AGENCY:${POLICE}`,
        `PROGRAMME_PROPOSALS:SUPPORTING_AGENCY:${SCHOOL1}`,
      ].sort(),
    );
    // The proposals are due by the draft's own term: the curator composes from them within 14 days.
    expect(new Set(items.map((i) => i.dueOn)).size).toBe(1);
    // An agency sees its own proposals item, never the curator's draft.
    const school = ok(await as<{ dueItems: Due[] }>('education.vlk', DUE, { caseId: kase.id })).dueItems;
    expect(school.filter((i) => i.kind.startsWith('PROGRAMME_')).map((i) => i.kind)).toEqual(['PROGRAMME_PROPOSALS']);
  });

  it('when the lead and the supporting organisations propose rows, then each proposal is stored with the proposing organisation, the commission and the lead are told, and their proposals are no longer due', async () => {
    const lead = ok(await as<{ proposeProgrammeRows: Proposal[] }>('social.vlk', PROPOSE, { id: kase.id, rows: [proposal('Мать не работает, семья без средств', 30)] })).proposeProgrammeRows;
    expect(lead).toEqual([expect.objectContaining({ organisationId: SOCIAL, organisationType: 'SOCIAL', proposedBy: 'social.vlk', status: 'PROPOSED', programmeRowId: null, rowNo: null })]);
    proposals.social = lead[0];
    expect(kinds((await due(kase.id)).filter((i) => i.kind === 'PROGRAMME_PROPOSALS'))).toEqual(
      [`PROGRAMME_PROPOSALS:SUPPORTING_AGENCY:${POLICE}`, `PROGRAMME_PROPOSALS:SUPPORTING_AGENCY:${SCHOOL1}`].sort(),
    );

    // School No. 1 proposes through its own system, the police unit as a person.
    const school = ok(
      await t.gql<{ proposeProgrammeRows: Proposal[] }>(await t.systemToken('education'), PROPOSE, {
        id: kase.id,
        rows: [proposal('Пропуски занятий', 45), proposal('Неуспеваемость по трём предметам', 60)],
      }),
    ).proposeProgrammeRows;
    expect(school.map((p) => [p.organisationId, p.organisationType, p.status])).toEqual([
      [SCHOOL1, 'EDUCATION', 'PROPOSED'],
      [SCHOOL1, 'EDUCATION', 'PROPOSED'],
    ]);
    [proposals.attendance, proposals.grades] = school;
    proposals.police = ok(await as<{ proposeProgrammeRows: Proposal[] }>('police.vlk', PROPOSE, { id: kase.id, rows: [proposal('Поздние возвращения домой', 20)] })).proposeProgrammeRows[0];
    expect((await due(kase.id)).filter((i) => i.kind === 'PROGRAMME_PROPOSALS')).toEqual([]);

    // The curator and the commission read them all, the lead too; a supporting organisation its own.
    const read = async (user: string) => ok(await as<{ programmeProposals: Proposal[] }>(user, PROPOSALS, { id: kase.id })).programmeProposals.map((p) => p.id);
    const all = [proposals.social.id, proposals.attendance.id, proposals.grades.id, proposals.police.id];
    expect(await read('curator.vlk')).toEqual(all);
    expect(await read('chair.vlk')).toEqual(all);
    expect(await read('social.vlk')).toEqual(all);
    expect(await read('police.vlk')).toEqual([proposals.police.id]);

    const history = (await admin.query(`SELECT actor_username, payload FROM bank.case_event WHERE case_id = $1 AND action = 'proposeProgrammeRows' ORDER BY id`, [kase.id])).rows;
    expect(history.map((h) => [h.payload.organisation, h.payload.proposals.length])).toEqual([
      [SOCIAL, 1],
      [SCHOOL1, 2],
      [POLICE, 1],
    ]);
    expect([history[0].actor_username, history[2].actor_username]).toEqual(['social.vlk', 'police.vlk']);
    // The commission hears of each; the lead of the supporting ones' (never its own); by case number and organisation only.
    expect((await notified(org('kdn-vlk'))).filter((n) => n.kind === 'PROGRAMME_PROPOSED')).toHaveLength(3);
    const toLead = (await notified(SOCIAL)).filter((n) => n.kind === 'PROGRAMME_PROPOSED');
    expect(toLead).toHaveLength(2);
    expect(toLead[0].message).toContain(kase.number);
    expect(JSON.stringify(toLead)).not.toMatch(/Пропуски|Неуспеваемость/);
  });

  it('when an organisation the resolution did not name, the commission, or a malformed proposal comes, then it is refused naming the rule or the field, and nothing is stored', async () => {
    const before = await stored();
    const row = proposal('Посторонняя организация', 10);
    for (const user of ['teacher2.vlk', 'guardianship.vlk', 'chair.vlk']) {
      const refused = await as(user, PROPOSE, { id: kase.id, rows: [row] });
      expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:proposeProgrammeRows', reason: 'case-role', allowedWorkers: ['LEAD_AGENCY', 'SUPPORTING_AGENCY'] });
    }
    // Another municipality's school cannot even see the child.
    expect((await as('education.yol', PROPOSE, { id: kase.id, rows: [row] })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'identity:read' });
    expect((await as('social.vlk', PROPOSE, { id: kase.id, rows: [] })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows', rule: 'proposal.rows' });
    expect((await as('social.vlk', PROPOSE, { id: kase.id, rows: [{ ...row, dueDate: '2020-01-01' }] })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows[0].dueDate' });
    expect((await as('social.vlk', PROPOSE, { id: kase.id, rows: [row, { ...row, measure: '  ' }] })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'rows[1].measure',
      rule: 'text.required',
    });
    expect(await stored()).toBe(before);
  });

  it('when the curator composes the draft, then accepted proposals become rows executed by the proposing organisations, the declined one keeps its reason, and each organisation is told; a supporting organisation cannot compose', async () => {
    const decision = {
      a: [
        { proposalId: proposals.social.id },
        { proposalId: proposals.attendance.id, dueDate: proposals.grades.dueDate },
        { proposalId: proposals.grades.id, measure: 'Дополнительные занятия по математике' },
      ],
      d: [{ proposalId: proposals.police.id, reason: 'Покрывается патронажем ЦСОН' }],
    };
    expect((await as('education.vlk', COMPOSE, { id: kase.id, ...decision })).errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'case:composeProgramme' });
    expect(
      (await as('curator.vlk', COMPOSE, { id: kase.id, a: [{ proposalId: proposals.social.id }], d: [{ proposalId: proposals.social.id, reason: 'дважды' }] })).errors![0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decline[0].proposalId', rule: 'proposal.once' });
    expect((await as('curator.vlk', COMPOSE, { id: kase.id, a: [{ proposalId: randomUUID() }], d: [] })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'accept[0].proposalId',
      rule: 'proposal.known',
    });
    // An executor the resolution did not name is refused as addProgrammeRow refuses it.
    expect((await as('curator.vlk', COMPOSE, { id: kase.id, a: [{ proposalId: proposals.police.id, executorOrganisationId: org('school2-vlk') }], d: [] })).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'accept[0].executorOrganisationId',
      rule: 'programme.executorAttached',
    });
    expect(Number((await admin.query(`SELECT count(*) FROM bank.programme_row WHERE case_id = $1`, [kase.id])).rows[0].count)).toBe(0);

    const composed = ok(await as<{ composeProgramme: Proposal[] }>('curator.vlk', COMPOSE, { id: kase.id, ...decision })).composeProgramme;
    expect(composed.map((p) => [p.id, p.status, p.rowNo, p.decidedBy, p.declineReason])).toEqual([
      [proposals.social.id, 'ACCEPTED', 1, 'curator.vlk', null],
      [proposals.attendance.id, 'ACCEPTED', 2, 'curator.vlk', null],
      [proposals.grades.id, 'ACCEPTED', 3, 'curator.vlk', null],
      [proposals.police.id, 'DECLINED', null, 'curator.vlk', 'Покрывается патронажем ЦСОН'],
    ]);
    rows = (
      await admin.query(`SELECT id, row_no AS "rowNo", executor_organisation AS "executorOrganisation", measure, due_date::text AS due FROM bank.programme_row WHERE case_id = $1 ORDER BY row_no`, [
        kase.id,
      ])
    ).rows;
    expect(rows.map((r) => [r.rowNo, r.executorOrganisation])).toEqual([
      [1, SOCIAL],
      [2, SCHOOL1],
      [3, SCHOOL1],
    ]);
    expect(rows.map((r) => r.due)).toEqual([proposals.social.dueDate, proposals.grades.dueDate, proposals.grades.dueDate]);
    expect(rows[2].measure).toBe('Дополнительные занятия по математике');

    // Each executor is told of its rows; the police unit that its proposal was not taken, without the reason.
    expect((await notified(SCHOOL1)).filter((n) => n.kind === 'PROGRAMME_ROW_PLANNED').map((n) => n.message)).toEqual([
      `В проект программы по делу ${kase.number} включены мероприятия для вашего ведомства: № 2 (срок ${proposals.grades.dueDate}), № 3 (срок ${proposals.grades.dueDate})`,
    ]);
    const declined = (await notified(POLICE)).filter((n) => n.kind === 'PROGRAMME_PROPOSAL_DECLINED');
    expect(declined).toHaveLength(1);
    expect(declined[0].message).not.toContain('ЦСОН');
    // Decided once.
    expect((await as('curator.vlk', COMPOSE, { id: kase.id, a: [{ proposalId: proposals.police.id }], d: [] })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', rule: 'proposal.open' });

    // Until the chair approves, the draft stays due from the curator; then neither the draft nor proposals are.
    expect(kinds((await due(kase.id)).filter((i) => i.kind === 'PROGRAMME_DRAFT'))).toEqual(['PROGRAMME_DRAFT:CURATOR:curator.vlk']);
    expect(ok(await as<{ approveProgramme: { state: string } }>('chair.vlk', APPROVE, { id: kase.id })).approveProgramme.state).toBe('PROGRAMME_APPROVED');
    expect((await due(kase.id)).filter((i) => i.kind === 'PROGRAMME_DRAFT' || i.kind === 'PROGRAMME_PROPOSALS')).toEqual([]);
    expect((await as('police.vlk', PROPOSE, { id: kase.id, rows: [proposal('Поздно', 10)] })).errors![0].extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      state: 'PROGRAMME_APPROVED',
      action: 'proposeProgrammeRows',
    });
  });

  it('when the lead organisation records the sheet of its own patronage, then it is kept without moving any supporting organisation’s term; a supporting sheet is handed to the lead', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const sheet = { kind: 'PATRONAGE_SHEET', periodFrom: today, periodTo: today, recordedOn: today, summary: 'Посещение семьи, беседа с матерью', details: { patronageKind: 'PERIODIC' } };
    const sheetsDue = async () => (await due(kase.id)).filter((i) => i.kind === 'PATRONAGE_SHEET');
    const before = await sheetsDue();
    expect(before.map((i) => `${i.addressee}:${i.organisationId}`).sort()).toEqual([`SUPPORTING_AGENCY:${POLICE}`, `SUPPORTING_AGENCY:${SCHOOL1}`].sort());

    const own = ok(await as<{ recordCaseRecord: { id: string; kind: string; agency: string; recordedBy: string } }>('social.vlk', RECORD, { id: kase.id, i: sheet })).recordCaseRecord;
    expect(own).toMatchObject({ kind: 'PATRONAGE_SHEET', agency: 'SOCIAL', recordedBy: 'social.vlk' });
    expect((await admin.query(`SELECT organisation_id FROM bank.case_record WHERE id = $1`, [own.id])).rows[0].organisation_id).toBe(SOCIAL);
    expect(await sheetsDue()).toEqual(before);
    // The lead is not told of its own sheet.
    expect((await notified(SOCIAL)).filter((n) => n.kind === 'CASE_RECORD_PATRONAGE_SHEET')).toEqual([]);

    ok(await t.gql(await t.systemToken('education'), RECORD, { id: kase.id, i: sheet }));
    expect((await notified(SOCIAL)).filter((n) => n.kind === 'CASE_RECORD_PATRONAGE_SHEET')).toHaveLength(1);
    // The school's sheet counts for the school alone.
    expect((await sheetsDue()).find((i) => i.organisationId === POLICE)).toEqual(before.find((i) => i.organisationId === POLICE));
  });

  it('when a measure names an unknown row, another organisation’s row, a row about another child or a cancelled row, then the agency subgraph refuses it naming input.programmeRowId and the rule, and stores nothing; the executor’s own measure fills its row', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const done = { dueDate: today, doneDate: today, result: 'Проведено' };
    // The measures about the children named below (other files share the hub).
    const named: string[] = [childId];
    const measures = async (schema: string) => Number((await admin.query(`SELECT count(*) FROM ${schema}.measure WHERE child_id = ANY($1::uuid[])`, [named])).rows[0].count);
    const before = { education: await measures('education'), police: await measures('police'), social: await measures('social') };
    const refusal = async (token: string, agency: string, input: Record<string, unknown>) => {
      const result = await t.gql(token, recordMeasure(agency), { input });
      expect(result.data).toBeNull();
      return result.errors![0];
    };
    const [social1, school2row] = [rows[0], rows[1]];

    const unknown = await refusal(await t.systemToken('social'), 'social', measureInput(childId, { ...done, programmeRowId: randomUUID() }));
    expect(unknown.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.programmeRowId', rule: 'programmeRow.known' });
    // Another agency's row.
    const police = await refusal(await t.systemToken('police'), 'police', measureInput(childId, { ...done, programmeRowId: social1.id }));
    expect(police.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.programmeRowId', value: social1.id, rule: 'programmeRow.executor' });
    // Another organisation of the same agency: school No. 2's teacher names school No. 1's row.
    const school2 = await refusal(await t.userToken('teacher2.vlk'), 'education', measureInput(childId, { ...done, programmeRowId: school2row.id }));
    expect(school2.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.programmeRowId', rule: 'programmeRow.executor' });
    expect(school2.message).toContain(`ОГРН ${SCHOOL1}`);
    // The executor's row, about another child.
    const otherChild = await kdnFlow(t).person();
    named.push(otherChild);
    const stray = await refusal(await t.systemToken('social'), 'social', measureInput(otherChild, { ...done, programmeRowId: social1.id }));
    expect(stray.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.programmeRowId', rule: 'programmeRow.sameChild' });
    // An unknown child is still refused as such first.
    const unknownChild = randomUUID();
    named.push(unknownChild);
    expect((await refusal(await t.systemToken('social'), 'social', measureInput(unknownChild, { ...done, programmeRowId: social1.id }))).extensions).toMatchObject({
      field: 'input.childId',
      rule: 'child.known',
    });
    expect({ education: await measures('education'), police: await measures('police'), social: await measures('social') }).toEqual(before);

    // School No. 1's own measure is taken and fills its row.
    const right = ok(
      await t.gql<{ education: { recordMeasure: { id: string } } }>(await t.systemToken('education'), recordMeasure('education'), {
        input: measureInput(childId, { ...done, programmeRowId: school2row.id }),
      }),
    ).education.recordMeasure;
    const filled = await waitFor(
      'the school’s row filled',
      async () => (await admin.query(`SELECT measure_id FROM bank.programme_row WHERE id = $1`, [school2row.id])).rows[0].measure_id,
      (id) => id === right.id,
      15_000,
    );
    expect(filled).toBe(right.id);

    // A row an amendment of the approved programme cancelled takes no measure either.
    const amended = await as('chair.vlk', `mutation($id: ID!, $i: AmendProgrammeInput!) { amendProgramme(caseId: $id, input: $i) { id } }`, {
      id: kase.id,
      i: { addRows: [], cancelRowNos: [rows[2].rowNo], reason: 'Занятия организованы школой в рамках строки № 2' },
    });
    expect(amended.errors).toBeUndefined();
    const cancelled = await refusal(await t.systemToken('education'), 'education', measureInput(childId, { ...done, programmeRowId: rows[2].id }));
    expect(cancelled.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.programmeRowId', rule: 'programmeRow.cancelled' });
  });

  it('when every due item the hub produced is checked, then each is addressed to someone whom the rule of its action admits', async () => {
    seen.push(...(await due(checking.id)), ...(await due(kase.id)));
    const produced = new Set(seen.map((i) => i.kind));
    // The items that follow a closing resolution are walked the same way in test/e2e/deadlines.test.ts.
    const afterClosure: DueItemKind[] = ['TAKEN_OFF_MESSAGE', 'FAMILY_INFORMED'];
    // The detecting body's представление (a case from an organisation's signal) is walked in test/e2e/due-items-more.test.ts.
    const elsewhere: DueItemKind[] = [...afterClosure, 'DETECTING_BODY_REPORT'];
    expect([...produced].filter((kind) => kind !== 'DETECTING_BODY_REPORT').sort()).toEqual(DUE_ITEM_KINDS.filter((kind) => !elsewhere.includes(kind)).sort());

    const cases = new Map<string, { team: CaseTeam; checkOrganisations: string[] }>();
    for (const id of new Set(seen.map((i) => i.caseId))) {
      const [row] = (await admin.query(`SELECT municipality, resolution, check_organisations FROM bank.kdn_case WHERE id = $1`, [id])).rows;
      cases.set(id, { team: teamOf(row), checkOrganisations: row.check_organisations });
    }
    const executorOf = async (caseId: string, rowNo: number) =>
      (await admin.query(`SELECT executor_organisation FROM bank.programme_row WHERE case_id = $1 AND row_no = $2`, [caseId, rowNo])).rows[0].executor_organisation;
    // The addressee as a principal, to ask the same rules the services ask (workflow/case-records.ts workersOf).
    const principalOf = (item: Due, roles: Role[]) => {
      const organisation = item.addressee === 'KDN' ? registry.defaultFor('kdn', cases.get(item.caseId)!.team.municipality)! : item.organisationId ? registry.get(item.organisationId)! : null;
      return { username: item.addressee === 'CURATOR' ? item.curator! : 'someone', roles, agency: null, organisation, territories: organisation?.territories ?? [] };
    };
    for (const item of seen) {
      const rule = DUE_ITEM_ADDRESSEES[item.kind];
      expect({ kind: item.kind, addressee: rule.addressees.includes(item.addressee) && rule.workers.includes(item.addressee) }).toEqual({ kind: item.kind, addressee: true });
      const { team, checkOrganisations } = cases.get(item.caseId)!;
      if (item.addressee === 'CHECKER') expect(checkOrganisations).toContain(item.organisationId);
      else if (item.addressee === 'DETECTING_BODY')
        expect((await admin.query(`SELECT detecting_organisation FROM bank.kdn_case WHERE id = $1`, [item.caseId])).rows[0].detecting_organisation).toBe(item.organisationId);
      else if (item.addressee === 'EXECUTOR') expect(await executorOf(item.caseId, item.rowNo!)).toBe(item.organisationId);
      else {
        const roles: Role[] = item.addressee === 'KDN' ? ['kdn_secretary'] : item.addressee === 'CURATOR' ? ['case_curator'] : ['social_specialist'];
        expect({ kind: item.kind, workers: workersOf(principalOf(item, roles) as Parameters<typeof workersOf>[0], team).includes(item.addressee as never) }).toEqual({
          kind: item.kind,
          workers: true,
        });
      }
    }
  });
});
