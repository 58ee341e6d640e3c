import { Client } from 'pg';
import { loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';
import { personInput, signalInput } from '../support/factories';
import { kdnFlow } from '../support/kdn-flow';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import { startWebhookReceiver, WebhookBody, WebhookReceiver } from '../support/webhook-receiver';
import { GraphQLResult, startTestHub, TestHub } from '../support/test-hub';

const registry = loadOrganisationRegistry();
const org = (code: string) => registry.all().find((o) => o.code === code)!;
const SOCIAL_VLK = org('social-vlk').id;

type Note = { id: string; kind: string; caseId: string | null; childId: string | null; message: string; cursor: string; read: boolean };
type Page = { notifications: Note[]; endCursor: string; hasNextPage: boolean; unreadCount: number };
const NOTE = 'id kind caseId childId message cursor read';
const INBOX = `query($after: String, $first: Int, $kinds: [String!], $unreadOnly: Boolean) { inbox(after: $after, first: $first, kinds: $kinds, unreadOnly: $unreadOnly) { notifications { ${NOTE} } endCursor hasNextPage unreadCount } }`;
const LATEST = `query($first: Int!) { notifications(first: $first) { kind caseId childId message } }`;
const REMINDERS = `{ dueReminders(first: 1000) { id kind caseId caseNumber dueOn message } }`;
const MARK = `mutation($upTo: String, $ids: [ID!]) { markNotificationsRead(upTo: $upTo, ids: $ids) }`;
const FATE = `query($agency: Agency!, $id: ID!) { signalFate(agency: $agency, signalId: $id) { registered caseNumber receivedOn state checkDue resolutionNumber resolutionKind resolutionCaption closedOn closureReason closureCaption steps { action caption at } } }`;
const JOURNAL = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number } }`;
const ASSIGN = `mutation($id: ID!, $a: [Agency!]!) { assignCheck(caseId: $id, agencies: $a) { id } }`;
const CONCLUDE = `mutation($id: ID!, $i: ConclusionInput!) { recordConclusion(caseId: $id, input: $i) { id } }`;
const RESOLVE = `mutation($id: ID!, $i: ResolutionInput!) { recordResolution(caseId: $id, input: $i) { id state } }`;
const EMERGENCY = `mutation($i: OpenEmergencyAccessInput!) { openEmergencyAccess(input: $i) { id } }`;

describe('the inbox: a durable ordered stream per organisation and per person, reminders apart, the curator told, the source answered', () => {
  let t: TestHub;
  let admin: Client;
  let flow: ReturnType<typeof kdnFlow>;
  let schoolHook: WebhookReceiver;
  const ok = <T>(result: GraphQLResult<T>): T => {
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const inbox = async (token: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    ok(await t.gql<{ inbox: Page }>(token, INBOX, variables, undefined, headers)).inbox;
  /** Every notification after the cursor, page by page, as a system catching up does it. */
  const drain = async (token: string, after: string | null, first: number, filter: Record<string, unknown> = {}) => {
    const seen: Note[] = [];
    let cursor = after;
    for (;;) {
      const page = await inbox(token, { after: cursor, first, ...filter });
      seen.push(...page.notifications);
      cursor = page.endCursor;
      if (!page.hasNextPage) return { seen, cursor };
    }
  };
  /** A notification for the Vladivostok social service centre, written as a step writes it: in a transaction of its own. */
  const write = (client: Client, message: string) =>
    client.query(`INSERT INTO bank.notification (recipient_agency, recipient_organisation, municipality, kind, message) VALUES ('social', $1, '05701000', 'CHECK_ASSIGNED', $2)`, [
      SOCIAL_VLK,
      message,
    ]);

  beforeAll(async () => {
    // The school's own system takes its notifications by webhook too.
    schoolHook = await startWebhookReceiver('inbox-webhook-secret');
    const sync = { webhooks: { 'education-system': { url: schoolHook.url, secret: schoolHook.secret } } };
    t = await startTestHub({ sync });
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    flow = kdnFlow(t);
  });
  afterAll(async () => {
    await admin.end();
    await t.stop();
    await schoolHook.close();
  });

  it('when 200 reminders are due for a social service and one of its cases is closed, then the closure heads its notifications and the reminders are all in dueReminders', async () => {
    const open = await flow.family();
    const working = await flow.recogniseSop(open.childId, 'И-2/1');
    const closing = await flow.family();
    const closed = await flow.recogniseSop(closing.childId, 'И-1/1');
    // 200 overdue programme rows of the social service, cheaply.
    await admin.query(
      `INSERT INTO bank.programme_row (case_id, row_no, problem, task, measure, executor_agency, executor_organisation, due_date)
       SELECT $1, n, 'Проблема', 'Задача', 'Мероприятие ' || n, 'social', $2, DATE '2026-01-10' FROM generate_series(1, 200) n`,
      [working.id, SOCIAL_VLK],
    );
    await flow.close(closed.id, 'PROGRAMME_DONE', 'И-1/2');
    const social = await t.userToken('social.vlk');
    const latest = ok(await t.gql<{ notifications: Array<{ kind: string; caseId: string | null }> }>(social, LATEST, { first: 10 })).notifications;
    expect(latest[0]).toMatchObject({ kind: 'CASE_CLOSED', caseId: closed.id });
    expect(latest.some((n) => ['OVERDUE', 'DUE_SOON', 'CHECK_OVERDUE'].includes(n.kind))).toBe(false);
    // The stream serves a notification once every older transaction has ended: waited for.
    const stream = await waitFor(
      'the closure in the stream',
      () => drain(social, null, 50),
      (page) => page.seen.some((n) => n.kind === 'CASE_CLOSED' && n.caseId === closed.id),
      20_000,
    );
    expect(stream.seen.filter((n) => n.kind === 'CASE_CLOSED' && n.caseId === closed.id)).toHaveLength(1);
    expect(stream.seen.some((n) => n.kind === 'OVERDUE')).toBe(false);

    const reminders = ok(await t.gql<{ dueReminders: Array<{ kind: string; caseId: string; caseNumber: string; dueOn: string; message: string }> }>(social, REMINDERS)).dueReminders;
    const rows = reminders.filter((r) => r.caseId === working.id && r.message.includes('мероприятие программы'));
    expect(rows).toHaveLength(200);
    expect(rows[0]).toMatchObject({ kind: 'OVERDUE', caseNumber: working.number, dueOn: '2026-01-10' });
    // Filtered by kind, the stream holds only the closures.
    const closures = await drain(social, null, 50, { kinds: ['CASE_CLOSED'] });
    expect(closures.seen.every((n) => n.kind === 'CASE_CLOSED')).toBe(true);
    expect(closures.seen.map((n) => n.caseId)).toContain(closed.id);
  });

  it('when a system catches up from its cursor after an outage while notifications are still being written, then it gets every one once, in order, and none of a transaction still open', async () => {
    const system = await t.systemToken('social');
    const { cursor: before } = await drain(system, null, 100);

    // Out of commit order: the first writer takes the lower number but commits last.
    const early = new Client({ connectionString: t.adminUrl });
    const late = new Client({ connectionString: t.adminUrl });
    await early.connect();
    await late.connect();
    await early.query('BEGIN');
    await write(early, 'поток: первый по номеру');
    await late.query('BEGIN');
    await write(late, 'поток: второй по номеру');
    await late.query('COMMIT');
    const meanwhile = await drain(system, before, 10);
    // The second is committed, but the first is still open: the stream waits rather than pass over it.
    expect(meanwhile.seen.map((n) => n.message)).toEqual([]);
    expect(meanwhile.cursor).toBe(before);
    await early.query('COMMIT');
    await Promise.all([early.end(), late.end()]);

    // Five writers, 20 rounds: in each round all five open a transaction and write, then commit in
    // reverse order, the system reading a page of seven after each commit, so it always reads
    // while transactions with lower numbers are still open.
    const writers = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const c = new Client({ connectionString: t.adminUrl });
        await c.connect();
        return c;
      }),
    );
    const seen: Note[] = [];
    let cursor = before;
    const read = async () => {
      const page = await inbox(system, { after: cursor, first: 7 });
      seen.push(...page.notifications);
      cursor = page.endCursor;
      return page;
    };
    for (let round = 0; round < 20; round++) {
      for (const [w, c] of writers.entries()) {
        await c.query('BEGIN');
        await write(c, `поток: раунд ${round}, писатель ${w}`);
      }
      for (const c of [...writers].reverse()) {
        await c.query('COMMIT');
        await read();
      }
    }
    await Promise.all(writers.map((c) => c.end()));
    // The stream serves a row once every older transaction in the cluster has ended; another suite's
    // transaction may still be open, so the catch-up is waited for rather than assumed.
    const expected = 2 + 20 * 5;
    const streamed = () => seen.filter((n) => n.message.startsWith('поток:'));
    await waitFor(
      'every write in the stream',
      async () => {
        while ((await read()).hasNextPage);
        return streamed().length;
      },
      (n) => n >= expected,
      20_000,
    );
    const mine = streamed();
    expect(new Set(mine.map((n) => n.id)).size).toBe(mine.length);
    // Every notification once, in the order of the transactions that wrote them, whatever the order of commits.
    expect(mine.map((n) => n.message)).toEqual([
      'поток: первый по номеру',
      'поток: второй по номеру',
      ...Array.from({ length: 20 }, (_, round) => Array.from({ length: 5 }, (_, w) => `поток: раунд ${round}, писатель ${w}`)).flat(),
    ]);
    // A second pass from the same cursor gives the same stream: the cursor is stable.
    const again = await drain(system, before, 50);
    expect(again.seen.map((n) => n.id)).toEqual(seen.map((n) => n.id));
  });

  it("when a person marks notifications read up to a cursor or one by one, then they leave the unread list for that person only; a system keeps its organisation's marks; a forged cursor and another's id are refused", async () => {
    const person = await t.userToken('social.vlk');
    const colleague = await t.userToken('curator.vlk');
    const system = await t.systemToken('social');
    // Every committed notification served (unreadCount has no watermark), so the marks below cover them all.
    const unread = await waitFor(
      'the stream caught up with the unread count',
      async () => ({ ...(await drain(person, null, 100, { unreadOnly: true })), count: (await inbox(person, { unreadOnly: true })).unreadCount }),
      (page) => page.seen.length === page.count,
      20_000,
    );
    expect(unread.seen.length).toBeGreaterThan(0);
    const count = ok(await t.gql<{ markNotificationsRead: number }>(person, MARK, { upTo: unread.cursor })).markNotificationsRead;
    expect(count).toBe(0);
    expect((await inbox(person, { unreadOnly: true })).notifications).toEqual([]);
    // The colleague of the same organisation, and the organisation's system, have marks of their own.
    expect((await inbox(colleague, { unreadOnly: true })).unreadCount).toBeGreaterThan(0);
    expect((await inbox(system, { unreadOnly: true })).unreadCount).toBeGreaterThan(0);

    await write(admin, 'новое после отметки');
    const fresh = await waitFor(
      'the new notification in the stream',
      async () => (await inbox(person, { unreadOnly: true })).notifications,
      (n) => n.length === 1,
    );
    expect(fresh[0]).toMatchObject({ message: 'новое после отметки', read: false });
    expect(ok(await t.gql<{ markNotificationsRead: number }>(person, MARK, { ids: [fresh[0].id] })).markNotificationsRead).toBe(0);
    expect((await inbox(person, { after: unread.cursor })).notifications.find((n) => n.id === fresh[0].id)).toMatchObject({ read: true });
    // The system marks for its organisation: a regional system acting for the same centre would see the same marks.
    const systemAll = await drain(system, null, 200);
    expect(ok(await t.gql<{ markNotificationsRead: number }>(system, MARK, { upTo: systemAll.cursor })).markNotificationsRead).toBe(0);
    expect((await admin.query(`SELECT reader FROM bank.notification_read_mark ORDER BY reader`)).rows.map((r) => r.reader)).toEqual(
      expect.arrayContaining([`organisation:${SOCIAL_VLK}`, expect.stringMatching(/^person:/)]),
    );

    // Not a cursor the stream handed out, and another organisation's notification: refused, nothing stored.
    const marks = async () => (await admin.query(`SELECT count(*)::int AS n FROM bank.notification_read`)).rows[0].n;
    const stored = await marks();
    const forged = await t.gql(person, MARK, { upTo: 'n1.' + Buffer.from('999999999999:1').toString('base64url') });
    expect(forged.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'upTo', rule: 'cursor.issued' });
    const {
      rows: [foreign],
    } = await admin.query(
      `INSERT INTO bank.notification (recipient_agency, recipient_organisation, municipality, kind, message) VALUES ('police', $1, '05701000', 'CHECK_ASSIGNED', 'чужое') RETURNING id`,
      [org('police-vlk').id],
    );
    const stranger = await t.gql(person, MARK, { ids: [foreign.id] });
    expect(stranger.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids[0]', rule: 'notification.own' });
    expect(await marks()).toBe(stored);
    expect((await t.gql(person, INBOX, { after: 'not-a-cursor' })).errors![0].extensions).toMatchObject({ field: 'after', rule: 'cursor.format' });
  });

  it("when a clinic of another municipality reports a signal about a child in the SOP register, then the curator is told who and when, without the signal's content; an emergency access is told the same way, without its justification", async () => {
    const { childId } = await flow.family();
    const kase = await flow.recogniseSop(childId, 'И-3/1');
    const curator = await t.userToken('curator.vlk');
    const regional = await t.clientToken('health-regional', 'dev-health-regional-secret');
    const clinic = org('clinic-yol');
    ok(
      await t.gql(
        regional,
        reportSignal('health'),
        {
          input: signalInput(childId, {
            sourceKind: 'HEALTH',
            indicatorCodes: ['HEALTH-L1-01'],
            description: 'Следы побоев на руках',
            reporter: { name: 'Сидорова Анна Петровна', position: 'педиатр', organisation: 'Детская поликлиника' },
          }),
        },
        undefined,
        {
          'x-hub-organisation': clinic.id,
        },
      ),
    );
    const told = await waitFor(
      'the curator told of the signal',
      async () => (await drain(curator, null, 200)).seen.filter((n) => n.kind === 'CASE_SIGNAL_REPORTED' && n.childId === childId),
      (n) => n.length === 1,
      20_000,
    );
    expect(told[0]).toMatchObject({ caseId: kase.id });
    expect(told[0].message).toContain(clinic.name);
    expect(told[0].message).toContain(kase.number);
    expect(told[0].message).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    for (const content of ['побоев', 'HEALTH-L1-01', 'Сидорова', 'педиатр']) expect(told[0].message).not.toContain(content);
    // Addressed to the curator in person: a colleague of the same organisation, and its system, do not get it.
    const colleague = await drain(await t.userToken('social.vlk'), null, 200);
    expect(colleague.seen.some((n) => n.kind === 'CASE_SIGNAL_REPORTED')).toBe(false);
    expect((await drain(await t.systemToken('social'), null, 200)).seen.some((n) => n.kind === 'CASE_SIGNAL_REPORTED')).toBe(false);

    const police = await t.userToken('police.vlk');
    ok(await t.gql(police, EMERGENCY, { i: { childId, justification: 'Соседи сообщили: ребёнок один дома третьи сутки' } }, undefined, { 'x-hub-purpose': 'EMERGENCY' }));
    // Served once every older transaction has ended (the stream never skips one): waited for, like the signal's.
    const emergency = await waitFor(
      'the curator told of the emergency access',
      async () => (await drain(curator, null, 200)).seen.filter((n) => n.kind === 'CASE_EMERGENCY_ACCESS' && n.childId === childId),
      (n) => n.length >= 1,
      20_000,
    );
    expect(emergency).toHaveLength(1);
    expect(emergency[0].message).toContain(org('police-vlk').name);
    expect(emergency[0].message).not.toContain('Соседи');
    // The curator's own emergency access is no news to the curator.
    ok(await t.gql(curator, EMERGENCY, { i: { childId, justification: 'Мать не выходит на связь, ребёнок один дома' } }, undefined, { 'x-hub-purpose': 'EMERGENCY' }));
    expect((await drain(curator, null, 200)).seen.filter((n) => n.kind === 'CASE_EMERGENCY_ACCESS' && n.childId === childId)).toHaveLength(1);
  });

  it("when a school's signal is registered, checked and resolved with no interagency work, then the school is told each step and sees the fate by query; another organisation learns nothing of it", async () => {
    const school = await t.systemToken('education');
    const childId = ok(await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() })).registerPerson.person.id;
    const signalId = ok(await t.gql<{ education: { reportSignal: { id: string } } }>(school, reportSignal('education'), { input: signalInput(childId) })).education.reportSignal.id;
    const fate = async (token: string, headers: Record<string, string> = {}) => t.gql<{ signalFate: Record<string, unknown> }>(token, FATE, { agency: 'EDUCATION', id: signalId }, undefined, headers);
    const unregistered = await waitFor(
      'the signal in the bank',
      () => fate(school),
      (r) => r.errors === undefined,
      20_000,
    );
    expect(unregistered.data!.signalFate).toMatchObject({ registered: false, caseNumber: null, steps: [] });

    const { cursor } = await drain(school, null, 200);
    const kase = ok(
      await flow.as<{ registerSignalInJournal: { id: string; number: string } }>('secretary.vlk', JOURNAL, {
        i: {
          childId,
          urgency: 'ROUTINE',
          receivedOn: flow.today,
          sourceKind: 'EDUCATION',
          summary: 'Пропуски занятий',
          indicatorCodes: ['EDUCATION-L1-01'],
          signals: [{ agency: 'EDUCATION', signalId }],
        },
      }),
    ).registerSignalInJournal;
    ok(await flow.as('secretary.vlk', ASSIGN, { id: kase.id, a: ['SOCIAL'] }));
    ok(
      await flow.as('social.vlk', CONCLUDE, {
        id: kase.id,
        i: { kind: 'FAVOURABLE', dangerLevel: 'LOW', violationFound: false, childSafeNow: true, notes: 'Обстановка благоприятная, пропуски по болезни' },
      }),
    );
    ok(await flow.as('chair.vlk', RESOLVE, { id: kase.id, i: { kind: 'NO_INTERAGENCY_WORK', number: 'И-4/1', date: flow.today, supportingAgencies: [], termMonths: 0 } }));

    const told = await waitFor(
      'the three steps told',
      async () => (await drain(school, cursor, 50)).seen.filter((n) => n.caseId === kase.id),
      (n) => n.length >= 3,
    );
    expect(told.map((n) => n.kind)).toEqual(['SIGNAL_REGISTERED', 'SIGNAL_CHECK_ASSIGNED', 'SIGNAL_CASE_CLOSED']);
    expect(told[0].message).toContain(`под номером ${kase.number}`);
    expect(told[2].message).toContain('межведомственная работа не требуется');
    for (const n of told) expect(n.message).not.toContain('пропуски по болезни');
    // The webhook carries each notification's place in the stream: a system that lost deliveries replays from the last cursor it processed.
    const delivered = await waitFor(
      'the webhook deliveries',
      async () => schoolHook.received.filter((b) => b.caseId === kase.id) as Array<WebhookBody & { cursor: string }>,
      (b) => b.length === 3,
      20_000,
    );
    expect(delivered.map((b) => [b.id, b.cursor])).toEqual(expect.arrayContaining(told.map((n) => [n.id, n.cursor])));
    const replayed = (await drain(school, told[0].cursor, 50)).seen.filter((n) => n.caseId === kase.id);
    expect(replayed.map((n) => n.kind)).toEqual(['SIGNAL_CHECK_ASSIGNED', 'SIGNAL_CASE_CLOSED']);
    // The same organisation's regional system sees the same fate.
    const regional = await t.clientToken('education-regional', 'dev-education-regional-secret');
    for (const answer of [await fate(school), await fate(regional, { 'x-hub-organisation': org('school1-vlk').id })]) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.signalFate).toMatchObject({
        registered: true,
        caseNumber: kase.number,
        state: 'CLOSED',
        resolutionNumber: 'И-4/1',
        resolutionKind: 'NO_INTERAGENCY_WORK',
        closureReason: 'NO_INTERAGENCY_WORK',
        closureCaption: 'межведомственная работа не требуется',
      });
      expect((answer.data!.signalFate.steps as Array<{ action: string }>).map((s) => s.action)).toEqual(['register', 'assignCheck', 'recordConclusion', 'recordResolution']);
    }
    // Another school: the signal is not its own, and nothing says whether it exists. The police and the commission: not their records at all.
    const otherSchool = await fate(await t.userToken('teacher2.vlk'));
    expect(otherSchool.data).toBeNull();
    expect(otherSchool.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND' });
    for (const other of [await t.systemToken('police'), await t.userToken('secretary.vlk')]) {
      const refused = await fate(other);
      expect(refused.data).toBeNull();
      expect(refused.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'records:read' });
    }
  });
});
