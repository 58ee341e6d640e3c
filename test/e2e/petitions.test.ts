import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { pseudonym } from '../../auth/audit/audit-entry';
import { readDocx } from '../export/read-back';
import { kdnFlow } from '../support/kdn-flow';
import { normaliseForm, seedText } from '../support/seed-text';
import type { GraphQLResult, HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';
import { bankAnswers } from '../support/bank-ready';

const FIELDS = 'id kind familyId caseId address reason grounds signerName signerPosition filedOn agency organisationId organisationName filedBy';
const FILE = `mutation($i: FilePetitionInput!) { filePetition(input: $i) { ${FIELDS} document { fileName contentType base64 } } }`;
const LIST = `query($familyId: ID, $caseId: ID) { petitions(familyId: $familyId, caseId: $caseId) { ${FIELDS} document { fileName base64 } } }`;
const JOURNAL = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number } }`;

type Petition = Record<string, unknown> & { id: string; kind: string; document: { fileName: string; base64: string; contentType?: string } };

const today = new Date().toISOString().slice(0, 10);
const printedToday = today.split('-').reverse().join('.');

describe('представление and ходатайство (Myasnikovsky appendices 6 and 7): filed by an agency, read by the KDN, printed as DOCX', () => {
  let t: HubClient;
  let flow: ReturnType<typeof kdnFlow>;
  let family: { familyId: string; motherId: string; childId: string };
  let other: { familyId: string; motherId: string; childId: string };
  let admin: Client;
  const as = async <T = Record<string, unknown>>(user: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> =>
    t.gql<T>(await t.userToken(user), query, variables);
  const ok = <T>(r: GraphQLResult<T>): T => {
    if (r.errors) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
    return r.data!;
  };
  const list = async (user: string, variables: Record<string, unknown>) => ok(await as<{ petitions: Petition[] }>(user, LIST, variables)).petitions;
  const registration = (overrides: Record<string, unknown> = {}) => ({
    kind: 'REGISTRATION',
    familyId: family.familyId,
    reason: '=ЕСЛИ(1;2) неисполнение родителями обязанностей по воспитанию и жизнеобеспечению несовершеннолетних',
    grounds: 'Мать злоупотребляет спиртными напитками; 12.11 ребёнок найден на улице в 23:00; в квартире нет продуктов питания',
    signerName: 'Петрова Мария Сергеевна',
    signerPosition: 'заведующая отделением профилактики',
    filedOn: today,
    ...overrides,
  });

  beforeAll(async () => {
    t = await sharedTestHub();
    await bankAnswers(t);
    flow = kdnFlow(t);
    family = await flow.family();
    other = await flow.family();
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
  }, 120_000);
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });

  it('when social protection files a представление, then the KDN secretary and chair see it and print appendix 6 in the seed’s wording', async () => {
    const filed = ok(await as<{ filePetition: Petition }>('social.vlk', FILE, { i: registration() })).filePetition;
    expect(filed).toMatchObject({
      kind: 'REGISTRATION',
      familyId: family.familyId,
      caseId: null,
      address: 'г. Владивосток, ул. Тестовая, д. 3, кв. 9',
      agency: 'SOCIAL',
      filedBy: 'social.vlk',
      filedOn: today,
    });
    expect(filed.organisationName).not.toBe('');

    for (const user of ['secretary.vlk', 'chair.vlk']) {
      const seen = await list(user, { familyId: family.familyId });
      expect(seen.map((p) => p.id)).toEqual([filed.id]);
    }
    const [seen] = await list('secretary.vlk', { familyId: family.familyId });
    const file = await readDocx(seen.document.base64);
    expect(file.hasFieldCodes).toBe(false);
    expect(seen.document.fileName).toMatch(/^Представление_.*\.docx$/);
    const seed = seedText('myasnikovsky');
    const printed = normaliseForm(file.text);
    for (const phrase of [
      'Приложение №6 к порядку межведомственного взаимодействия органов и учреждений системы профилактики',
      'Председателю КДН и ЗП',
      '(субъект профилактики)',
      'ПРЕДСТАВЛЕНИЕ',
      'Просим Вас рассмотреть вопрос о постановке семьи',
      ', проживающей по адресу:',
      ', на учет в районный банк данных на семьи и несовершеннолетних, находящихся в социально опасном положении на основании (по причине)',
      '(дается подробное обоснование с изложением имеющихся фактов)',
      'ФИО и должность лица, представляющего субъект профилактики',
    ]) {
      expect({ phrase, inSeed: seed.includes(normaliseForm(phrase)) }).toEqual({ phrase, inSeed: true });
      expect({ phrase, inDocument: printed.includes(normaliseForm(phrase)) }).toEqual({ phrase, inDocument: true });
    }
    expect(file.text).toContain('г. Владивосток, ул. Тестовая, д. 3, кв. 9');
    expect(file.text).toContain('=ЕСЛИ(1;2) неисполнение родителями обязанностей');
    expect(file.paragraphs).toContain('Мать злоупотребляет спиртными напитками; 12.11 ребёнок найден на улице в 23:00; в квартире нет продуктов питания');
    expect(file.paragraphs).toContain('_______________ / Петрова Мария Сергеевна, заведующая отделением профилактики /');
    expect(file.text).toContain(`от ${filed.organisationName}`);
    expect(file.paragraphs).toContain(
      `«${printedToday.slice(0, 2)}» ${['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'][Number(today.slice(5, 7)) - 1]} ${today.slice(0, 4)} г.`,
    );
  });

  it('when an agency files a ходатайство for a case, then the KDN finds it by the case and appendix 7 prints it', async () => {
    const kase = ok(
      await as<{ registerSignalInJournal: { id: string } }>('secretary.vlk', JOURNAL, {
        i: { childId: family.childId, urgency: 'ROUTINE', receivedOn: today, sourceKind: 'SOCIAL', summary: 'Семья на учёте, условия улучшились' },
      }),
    ).registerSignalInJournal;
    const filed = ok(
      await as<{ filePetition: Petition }>('social.vlk', FILE, {
        i: {
          kind: 'REMOVAL',
          familyId: family.familyId,
          caseId: kase.id,
          reason: 'по результатам проводимой коррекционно-реабилитационной работы',
          signerName: 'Петрова Мария Сергеевна',
          signerPosition: 'заведующая отделением',
          filedOn: today,
        },
      }),
    ).filePetition;
    expect(filed).toMatchObject({ kind: 'REMOVAL', caseId: kase.id, grounds: '' });
    const byCase = await list('secretary.vlk', { caseId: kase.id });
    expect(byCase.map((p) => p.id)).toEqual([filed.id]);
    const file = await readDocx(byCase[0].document.base64);
    const seed = seedText('myasnikovsky');
    const printed = normaliseForm(file.text);
    for (const phrase of [
      'Приложение №7 к порядку межведомственного взаимодействия',
      'ХОДАТАЙСТВО',
      'Просим Вас рассмотреть вопрос о снятии семьи',
      ', проживающей по адресу',
      ', с учета в районном банке данных о семьях и несовершеннолетних, находящихся в социально опасном положении по причине',
      'ФИО и должность лица, представляющего субъект профилактики',
    ]) {
      expect({ phrase, inSeed: seed.includes(normaliseForm(phrase)) }).toEqual({ phrase, inSeed: true });
      expect({ phrase, inDocument: printed.includes(normaliseForm(phrase)) }).toEqual({ phrase, inDocument: true });
    }
    expect(file.text).toContain('по результатам проводимой коррекционно-реабилитационной работы');
    expect(file.text).not.toContain('ПРЕДСТАВЛЕНИЕ');
    // The family's list holds both, newest first by date then by filing.
    expect((await list('secretary.vlk', { familyId: family.familyId })).map((p) => p.kind).sort()).toEqual(['REGISTRATION', 'REMOVAL']);
  });

  it('when another agency of the territory asks, then it sees only what its own organisation filed', async () => {
    expect(await list('education.vlk', { familyId: family.familyId })).toEqual([]);
    expect((await list('social.vlk', { familyId: family.familyId })).length).toBe(2);
  });

  it('when someone outside the territory, or not a subject of prevention, files or reads, then it is refused by the permission table and nothing is stored or shown', async () => {
    const read = await as('secretary.yol', LIST, { familyId: family.familyId });
    expect(read.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'petition:read' });
    expect(JSON.stringify(read.data ?? {})).not.toContain('base64');

    const before = (await list('secretary.vlk', { familyId: family.familyId })).length;
    const outsider = await as('social.yol', FILE, { i: registration() });
    expect(outsider.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'petition:write' });
    const kdn = await as('secretary.vlk', FILE, { i: registration() });
    expect(kdn.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'petition:write', reason: 'role' });
    const auditor = await as('auditor.vlk', LIST, { familyId: family.familyId });
    expect(auditor.errors?.length).toBeGreaterThan(0);
    expect((await list('secretary.vlk', { familyId: family.familyId })).length).toBe(before);
  });

  it('when a petition is filed, then its write entry (the family pseudonymised, the petition table) is in the chain before the answer; a refused one writes nothing', async () => {
    type Entry = Record<string, unknown> & { kind?: string; subjects: string[]; written?: string[]; outcome: string };
    const entriesOf = async (requestId: string): Promise<Entry[]> =>
      (await admin.query(`SELECT canonical FROM audit.entry WHERE body->>'requestId' = $1 ORDER BY position`, [requestId])).rows.map((r) => JSON.parse(r.canonical));
    const filed = `petition-${randomUUID()}`;
    const result = await t.gql(await t.userToken('social.vlk'), FILE, { i: registration({ reason: 'отсутствие контроля за обучением ребенка' }) }, undefined, { 'x-request-id': filed });
    expect(result.errors).toBeUndefined();
    const entries = await entriesOf(filed);
    expect(entries.map((e) => e.kind ?? 'response')).toEqual(['write', 'response']);
    expect(entries[0].written).toEqual(expect.arrayContaining(['petition']));
    expect(entries[0].subjects).toContain(pseudonym('development-only-audit-pseudonym-key', { kind: 'Family', id: family.familyId }));
    expect(JSON.stringify(entries)).not.toContain(family.familyId);

    const refused = `petition-${randomUUID()}`;
    const denied = await t.gql(await t.userToken('social.yol'), FILE, { i: registration() }, undefined, { 'x-request-id': refused });
    expect(denied.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const deniedEntries = await entriesOf(refused);
    expect(deniedEntries.map((e) => e.kind ?? 'response')).toEqual(['response']);
    expect(deniedEntries[0].outcome).not.toBe('allowed');
  });

  it('when the input breaks a rule, then the error names the field, the value and the rule, and nothing is stored', async () => {
    const before = (await list('secretary.vlk', { familyId: family.familyId })).length;
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ grounds: '   ' }, 'input.grounds', 'text.required'],
      [{ signerName: '=Иванов' }, 'input.signerName', ''],
      [{ filedOn: '2999-01-01' }, 'input.filedOn', ''],
      [{ reason: '' }, 'input.reason', 'text.required'],
    ];
    for (const [overrides, field, rule] of cases) {
      const refused = await as('social.vlk', FILE, { i: registration(overrides) });
      expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      if (rule) expect(refused.errors![0].extensions!.rule).toBe(rule);
    }
    // A case about a child of another family is not this family's case.
    const foreign = ok(
      await as<{ registerSignalInJournal: { id: string } }>('secretary.vlk', JOURNAL, {
        i: { childId: other.childId, urgency: 'ROUTINE', receivedOn: today, sourceKind: 'SOCIAL', summary: 'Другая семья' },
      }),
    ).registerSignalInJournal;
    const wrongCase = await as('social.vlk', FILE, { i: registration({ caseId: foreign.id }) });
    expect(wrongCase.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.caseId', rule: 'petition.caseOfFamily' });
    const noScope = await as('secretary.vlk', LIST, {});
    expect(noScope.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'familyId', rule: 'petition.scope' });
    expect((await list('secretary.vlk', { familyId: family.familyId })).length).toBe(before);
  });
});
