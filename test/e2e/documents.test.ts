import { randomUUID } from 'node:crypto';
import { FAMILY_CATEGORY_CAPTIONS } from '../../schema/enums';
import { FORM_RULES, formFor } from '../../subgraphs/bank/documents/services/document-forms';
import { readDocx } from '../export/read-back';
import { personInput } from '../support/factories';
import { REGISTER_FAMILY, REGISTER_PERSON } from '../support/operations';
import { normaliseForm, SEED_FILES, seedText } from '../support/seed-text';
import type { GraphQLResult, HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';
import { bankAnswers } from '../support/bank-ready';

const JOURNAL = `mutation($i: RegisterInJournalInput!) { registerSignalInJournal(input: $i) { id number } }`;
const ASSIGN = `mutation($id: ID!, $a: [Agency!]!) { assignCheck(caseId: $id, agencies: $a) { id } }`;
const CONCLUDE = `mutation($id: ID!, $i: ConclusionInput!) { recordConclusion(caseId: $id, input: $i) { id } }`;
const RESOLVE = `mutation($id: ID!, $i: ResolutionInput!) { recordResolution(caseId: $id, input: $i) { id state } }`;
const ADD_ROW = `mutation($id: ID!, $i: AddProgrammeRowInput!) { addProgrammeRow(caseId: $id, input: $i) { rowNo } }`;
const APPROVE = `mutation($id: ID!) { approveProgramme(caseId: $id) { state } }`;
const RECORD = `mutation($id: ID!, $i: CaseRecordInput!) { recordCaseRecord(caseId: $id, input: $i) { id } }`;
const MESSAGE = `mutation($id: ID!, $i: InformationMessageInput!) { recordInformationMessage(caseId: $id, input: $i) { id document { fileName contentType base64 } } }`;
const DOC = 'fileName contentType base64';
const CASE_DOCS = `query($id: ID!) { kdnCase(id: $id) { id number conclusionDocument { ${DOC} } programmeDocument { ${DOC} } records { kind document { ${DOC} } } } }`;
const CONCLUSION_ONLY = `query($id: ID!) { kdnCase(id: $id) { conclusionDocument { ${DOC} } } }`;
const INSPECT = `mutation($i: RecordHousingInspectionInput!) { guardianship { recordHousingInspection(input: $i) { id act { familyName memberCount } actDocument { ${DOC} } } } }`;
const INSPECTIONS = `query($id: ID!) { child(id: $id) { guardianship { inspections { actNumber actDocument { ${DOC} } } } } }`;

type Doc = { fileName: string; contentType: string; base64: string };
type CaseDocs = { kdnCase: { id: string; number: string; conclusionDocument: Doc | null; programmeDocument: Doc | null; records: Array<{ kind: string; document: Doc | null }> } };

const today = new Date().toISOString().slice(0, 10);
const printed = (iso: string) => iso.split('-').reverse().join('.');

/** Every phrase is the form's wording: found in the seed, and printed in the document. */
function expectFormWording(text: string, seed: keyof typeof SEED_FILES, phrases: string[]): void {
  const source = seedText(seed);
  const printedText = normaliseForm(text);
  for (const phrase of phrases) {
    expect({ phrase, inSeed: source.includes(normaliseForm(phrase)) }).toEqual({ phrase, inSeed: true });
    expect({ phrase, inDocument: printedText.includes(normaliseForm(phrase)) }).toEqual({ phrase, inDocument: true });
  }
}

async function read(doc: Doc | null | undefined) {
  expect(doc).toBeTruthy();
  expect(doc!.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(doc!.fileName).toMatch(/\.docx$/);
  const file = await readDocx(doc!.base64);
  expect(file.hasFieldCodes).toBe(false);
  expect(file.files.some((f) => /vbaProject|macros/i.test(f))).toBe(false);
  return file;
}

describe('the paper forms of the seeds as DOCX, filled through the API (real hub, real tokens)', () => {
  let t: HubClient;
  const as = async <T = Record<string, unknown>>(user: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> =>
    t.gql<T>(await t.userToken(user), query, variables);
  const ok = <T>(r: GraphQLResult<T>): T => {
    if (r.errors) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
    return r.data!;
  };

  /** A mother, a father and a child of one family, registered by the territory's KDN secretary. */
  async function family(secretary: string, municipality: string, lastName: string, fatherLastName: string) {
    const person = async (overrides: Record<string, unknown>) =>
      ok(await as<{ registerPerson: { person: { id: string } } }>(secretary, REGISTER_PERSON, { input: personInput({ municipality, lastName, ...overrides }) })).registerPerson.person.id;
    const motherId = await person({ firstName: 'Ирина', middleName: 'Петровна', birthDate: '1988-02-11', sex: 'FEMALE' });
    const fatherId = await person({ firstName: 'Олег', middleName: 'Иванович', birthDate: '1985-06-30', sex: 'MALE', lastName: fatherLastName });
    const childId = await person({ firstName: 'Дарья', middleName: 'Олеговна', birthDate: '2014-09-01', sex: 'FEMALE' });
    const address = `ул. Тестовая, д. ${Math.floor(Math.random() * 90) + 10}, кв. 5`;
    const familyId = ok(
      await as<{ registerFamily: { id: string } }>(secretary, REGISTER_FAMILY, {
        input: {
          idempotencyKey: `family-${randomUUID()}`,
          municipality,
          categories: ['LOW_INCOME'],
          registeredAddress: address,
          actualAddress: address,
          members: [
            { personId: motherId, role: 'MOTHER' },
            { personId: fatherId, role: 'FATHER' },
            { personId: childId, role: 'CHILD' },
          ],
        },
      }),
    ).registerFamily.id;
    return { familyId, childId, address };
  }

  /** Journal, check by social protection, its conclusion: the case waits for the resolution. */
  async function concluded(users: { secretary: string; social: string }, childId: string, notes: string, conclusion: Record<string, unknown> = { kind: 'EARLY_STAGE', dangerLevel: 'MEDIUM' }) {
    const kase = ok(
      await as<{ registerSignalInJournal: { id: string; number: string } }>(users.secretary, JOURNAL, {
        i: { childId, urgency: 'ROUTINE', receivedOn: today, sourceKind: 'EDUCATION', summary: 'Ребёнок систематически пропускает занятия, родители не контролируют' },
      }),
    ).registerSignalInJournal;
    ok(await as(users.secretary, ASSIGN, { id: kase.id, a: ['SOCIAL'] }));
    ok(await as(users.social, CONCLUDE, { id: kase.id, i: { violationFound: true, childSafeNow: true, notes, ...conclusion } }));
    return kase;
  }

  /** The resolution, a programme row for the supporting police, the approval. */
  async function inWork(users: { chair: string; curator: string }, caseId: string, protocolNumber: string) {
    ok(
      await as(users.chair, RESOLVE, {
        id: caseId,
        i: { kind: 'INDIVIDUAL_WORK', number: `П-${protocolNumber}`, date: today, curator: users.curator, leadAgency: 'SOCIAL', supportingAgencies: ['POLICE'], termMonths: 6, protocolNumber },
      }),
    );
    ok(
      await as(users.curator, ADD_ROW, {
        id: caseId,
        i: {
          problem: 'Пропуски занятий без уважительной причины',
          task: 'Восстановить посещение школы',
          measure: 'Профилактическая беседа инспектора ПДН с родителями',
          executorAgency: 'POLICE',
          dueDate: today,
        },
      }),
    );
  }

  let vlk: { familyId: string; childId: string; address: string };
  let vlkCase: { id: string; number: string };
  let yol: { familyId: string; childId: string; address: string };
  let yolCase: { id: string; number: string };

  beforeAll(async () => {
    t = await sharedTestHub();
    await bankAnswers(t);
    vlk = await family('secretary.vlk', '05701000', 'Документова', 'Документов');
    vlkCase = await concluded({ secretary: 'secretary.vlk', social: 'social.vlk' }, vlk.childId, '=СУММ(1;2) семья нуждается в помощи: отец без работы');
    yol = await family('secretary.yol', '88701000', 'Марийская', 'Марийский');
    yolCase = await concluded({ secretary: 'secretary.yol', social: 'social.yol' }, yol.childId, 'Семья нуждается в помощи специалистов', {
      kind: 'SOCIALLY_DANGEROUS',
      dangerLevel: 'HIGH',
      sopCriteria: ['EVADING_UPBRINGING_SUBSTANCES'],
    });
  }, 120_000);
  afterAll(() => t.stop());

  it('when the form rules are read, then each region’s form is cited by a phrase of its seed, and a region without its own form falls back', () => {
    const byFile = Object.fromEntries(Object.entries(SEED_FILES).map(([k, f]) => [f, k])) as Record<string, keyof typeof SEED_FILES>;
    for (const rule of FORM_RULES)
      expect({ rule: `${rule.key}/${rule.region}`, found: seedText(byFile[rule.citation.seed]).includes(normaliseForm(rule.citation.quote)) }).toEqual({
        rule: `${rule.key}/${rule.region}`,
        found: true,
      });
    expect(formFor('CONCLUSION', '88701000').variant).toBe('MARI_EL_APPENDIX_2');
    expect(formFor('CONCLUSION', '05701000').variant).toBe('PRIMORSKY_APPENDIX_2');
    expect(formFor('PROGRAMME', '60633000').variant).toBe('MYASNIKOVSKY_APPENDIX_3');
    expect(formFor('PROGRAMME', '88701000').variant).toBe('MARI_EL_APPENDIX_4');
  });

  it('when a Primorsky case has its conclusion, then the KDN prints appendix 2 in the seed’s wording, filled from the case, the child and the family', async () => {
    const docs = ok(await as<CaseDocs>('secretary.vlk', CASE_DOCS, { id: vlkCase.id })).kdnCase;
    expect(docs.programmeDocument).toBeNull();
    const file = await read(docs.conclusionDocument);
    expect(file.paragraphs.filter(Boolean)[0]).toBe('Приложение 2 к Порядку');
    expect(file.paragraphs).toContain('ЗАКЛЮЧЕНИЕ');
    expectFormWording(file.text, 'primorsky', [
      'Приложение 2 к Порядку',
      'УТВЕРЖДАЮ',
      'Председатель комиссии по делам несовершеннолетних и защите их прав муниципального образования',
      'ЗАКЛЮЧЕНИЕ',
      'Комиссия, в составе специалистов',
      'Состав семьи:',
      'Отец (Ф.И.О. полностью, телефон)',
      '(Ф.И.О., степень родства)',
      'Категория семьи',
      'Отметка о подтверждении (краткое описание)',
      'Физическое насилие',
      'Сексуальное насилие',
      'Эмоциональное насилие',
      'Пренебрежение нуждами',
      '2. Нуждаемость семьи и ребенка',
      'Из вышеизложенного следует вывод о том, что',
      '- имело / не имело место нарушение прав ребенка (случая);',
      'Заключение специалистов:',
      '- в семье благоприятная обстановка.',
      'семья находится на ранней стадии семейного неблагополучия и нуждается в помощи специалистов субъектов профилактики',
      'рекомендуем внести семью в банк данных семьях и несовершеннолетних, находящихся в социально опасном положении',
      'Члены комиссии:',
    ]);
    // Filled: the child, both parents, the address, the category, the checking organisation, the findings.
    for (const value of [
      'Документова Дарья Олеговна, 01.09.2014 г. р.',
      'Документов Олег Иванович, 30.06.1985 г. р.',
      'Документова Ирина Петровна, 11.02.1988 г. р.',
      vlk.address,
      FAMILY_CATEGORY_CAPTIONS.LOW_INCOME,
      'имело место',
      'безопасно',
    ]) {
      expect(file.text).toContain(value);
    }
    expect(file.paragraphs).toContain(
      '☒ - семья находится на ранней стадии семейного неблагополучия и нуждается в помощи специалистов субъектов профилактики и (или) организации социального обслуживания',
    );
    expect(file.paragraphs).toContain('☐ - в семье благоприятная обстановка.');
    // What the social service typed, a leading "=" included, is text: no field, no formula.
    expect(file.paragraphs).toContain('=СУММ(1;2) семья нуждается в помощи: отец без работы');
    expect(file.text).toContain(`№ ${vlkCase.number}`);
  });

  it('when a Mari El case has its conclusion, then appendix № 2 of Mari El is printed instead, with the SOP criteria found and the danger level marked', async () => {
    const docs = ok(await as<CaseDocs>('secretary.yol', CASE_DOCS, { id: yolCase.id })).kdnCase;
    const file = await read(docs.conclusionDocument);
    expect(file.paragraphs).toContain('Заключение');
    expect(file.paragraphs).not.toContain('ЗАКЛЮЧЕНИЕ');
    expectFormWording(file.text, 'mariEl', [
      'ПРИЛОЖЕНИЕ № 2 к Порядку межведомственного взаимодействия органов и учреждений системы профилактики безнадзорности и правонарушений несовершеннолетних Республики Марий Эл',
      'об установлении обстоятельств, подтверждающих отнесение несовершеннолетнего и (или) семьи к категории, находящихся в социально опасном положении',
      '1. Общие сведения',
      'Ф.И.О. несовершеннолетнего',
      'Ф.И.О. родителей (законных представителей)',
      '2. Состав семьи',
      'Степень родства',
      'Ф.И.О. (полностью)',
      'Занятость (место работы, образовательная организация)',
      '3. Характеристика жилищно-бытовых условий семьи несовершеннолетнего',
      'Адрес по прописке',
      'Адрес фактический',
      '4. Доход семьи (со слов):',
      'Среднедушевой доход',
      '5. Меры социальной поддержки, которыми пользуется семья',
      '6.Наличие социально опасного положения семьи',
      'Критерий',
      'Семья, в которой несовершеннолетние вовлекаются в совершение правонарушений или антиобщественных действий',
      '7. Наличие социально опасного положения несовершеннолетнего (нужное подчеркнуть)',
      'Признаки нахождения несовершеннолетнего в социально опасном положении оцениваются',
      'Средний уровень опасности.',
      'Ф.И.О. руководителя органа или учреждения системы профилактики',
    ]);
    const rows = file.paragraphs;
    // The danger level recorded (HIGH) and the criterion found are marked; the others are not.
    expect(rows[rows.indexOf('Высокий уровень риск') + 1]).toBe('☒');
    expect(rows[rows.indexOf('Средний уровень опасности.') + 1]).toBe('☐');
    const substances = rows.findIndex((p) => p.endsWith('в связи со злоупотреблением алкогольными напитками, наркотическими средствами, психоактивными веществами'));
    expect(rows[substances + 1]).toBe('☒');
    expect(rows[rows.indexOf('Семья, в которой несовершеннолетние вовлекаются в совершение правонарушений или антиобщественных действий') + 1]).toBe('☐');
    expect(file.text).toContain('Установлены обстоятельства, подтверждающие отнесение несовершеннолетнего и (или) семьи к категории, находящихся в социально опасном положении.');
    for (const value of ['Марийская Дарья Олеговна, 01.09.2014 г. р.', 'Марийский Олег Иванович', 'мать', 'отец', yol.address, 'Семья нуждается в помощи специалистов'])
      expect(file.text).toContain(value);
  });

  it('when the case is worked and its programme approved, then the information message, the patronage sheet and the programme print from its records and rows', async () => {
    await inWork({ chair: 'chair.vlk', curator: 'curator.vlk' }, vlkCase.id, '17');
    const message = ok(
      await as<{ recordInformationMessage: { id: string; document: Doc } }>('social.vlk', MESSAGE, {
        id: vlkCase.id,
        i: { messageKind: 'TAKEN_ON', sentOn: today, documentRef: '12/345', summary: '=ГИПЕРССЫЛКА("x") постановление КДН о проведении ИПР' },
      }),
    ).recordInformationMessage;
    const messageFile = await read(message.document);
    expectFormWording(messageFile.text, 'primorsky', [
      'Приложение 3 к Порядку',
      'Председателю комиссии по делам несовершеннолетних и защите их прав муниципального образования',
      '(субъект профилактики)',
      'ИНФОРМАЦИОННОЕ СООБЩЕНИЕ',
      'Информируем, что семья',
      'проживающая по адресу:',
      'По причине',
      // The scan reads «ли ща» in the first words of this caption: the rest is compared.
      'предоставляющего субъект профилактики',
    ]);
    for (const value of ['Документова Ирина Петровна, Документов Олег Иванович', vlk.address, '=ГИПЕРССЫЛКА("x") постановление КДН о проведении ИПР', 'исх. № 12/345'])
      expect(messageFile.text).toContain(value);

    ok(
      await as('police.vlk', RECORD, {
        id: vlkCase.id,
        i: { kind: 'PATRONAGE_SHEET', periodFrom: today, periodTo: today, recordedOn: today, summary: 'Семья посещена, родители предупреждены', details: { patronageKind: 'PERIODIC' } },
      }),
    );
    expect(ok(await as('chair.vlk', APPROVE, { id: vlkCase.id }))).toEqual({ approveProgramme: { state: 'PROGRAMME_APPROVED' } });

    const docs = ok(await as<CaseDocs>('secretary.vlk', CASE_DOCS, { id: vlkCase.id })).kdnCase;
    const sheet = docs.records.find((r) => r.kind === 'PATRONAGE_SHEET')!;
    const sheetFile = await read(sheet.document);
    expectFormWording(sheetFile.text, 'myasnikovsky', [
      'Приложение №5 к порядку межведомственного взаимодействия органов и учреждений системы профилактики семейного неблагополучия',
      'Патронажный лист',
      'Семья:',
      'ФИО родителей (законных представителей)',
      'Домашний адрес:',
      'Период:',
      '№ п/п',
      'Необходимые мероприятия',
      'Дата мероприятия',
      'Сведения о проделанной работе',
      'Исполнитель',
      '*Наименование субъекта',
    ]);
    for (const value of ['Профилактическая беседа инспектора ПДН с родителями', 'Семья посещена, родители предупреждены', `${printed(today)} — ${printed(today)}`, vlk.address])
      expect(sheetFile.text).toContain(value);
    // Records without a form print nothing; the message prints again from the record.
    expect(docs.records.find((r) => r.kind === 'INFORMATION_MESSAGE')!.document).toBeTruthy();

    const programme = await read(docs.programmeDocument);
    expectFormWording(programme.text, 'myasnikovsky', [
      'Приложение №3 к порядку межведомственного взаимодействия',
      'Индивидуальная комплексная программа реабилитации семьи, находящейся в социально опасном положении',
      '(дата начала реабилитации)',
      '(дата окончания реабилитации)',
      'ФИО родителей (законных представителей), все сведения о родителях отдельно',
      'Статус семьи:',
      'Сведения о детях:',
      'Разработчик программы (основной субъект):',
      'Исполнители программы (вспомогательные субъекты):',
      'Основание постановки на учет:',
      'Проблемы семьи',
      'Необходимые мероприятия',
      'Сведения о проделанной работе',
      'Анализ результатов реализации программы:',
      'Вывод:',
      'Решение:',
    ]);
    expectFormWording(programme.text, 'mariEl', ['Утверждена на заседании муниципальной КДНиЗП']);
    expect(programme.paragraphs).toContain(`(протокол № 17 от ${printed(today)} г.)`);
    for (const value of [
      'Пропуски занятий без уважительной причины',
      'Профилактическая беседа инспектора ПДН с родителями',
      `постановление КДН № П-17 от ${printed(today)}`,
      'Документова Дарья Олеговна, 01.09.2014 г. р.',
    ])
      expect(programme.text).toContain(value);
  });

  it('when a Mari El programme is approved, then appendix № 4 of Mari El prints it with the approving meeting', async () => {
    await inWork({ chair: 'chair.yol', curator: 'curator.yol' }, yolCase.id, '3');
    ok(
      await as('curator.yol', RECORD, {
        id: yolCase.id,
        i: {
          kind: 'LIVING_CONDITIONS_SURVEY',
          recordedOn: today,
          summary: 'Обследование: условия удовлетворительные',
          details: { rehabilitationStage: 'INITIAL', rehabilitationPotential: 'MEDIUM', familyReaction: 'READY_TO_COOPERATE' },
        },
      }),
    );
    ok(await as('chair.yol', RECORD, { id: yolCase.id, i: { kind: 'CONSILIUM', recordedOn: today, summary: 'Консилиум: план работы с семьёй согласован' } }));
    ok(await as('chair.yol', APPROVE, { id: yolCase.id }));
    const docs = ok(await as<CaseDocs>('curator.yol', CASE_DOCS, { id: yolCase.id })).kdnCase;
    const file = await read(docs.programmeDocument);
    expectFormWording(file.text, 'mariEl', [
      'ПРИЛОЖЕНИЕ № 4 к Порядку межведомственного взаимодействия',
      'Утверждена на заседании муниципальной КДНиЗП',
      'Индивидуальная программа социальной реабилитации семьи и несовершеннолетнего, находящихся в социально опасном положении',
      'Сведения о семье',
      'Мать: Ф.И.О., дата рождения',
      'Отец: Ф.И.О. дата рождения',
      'Ф.И.О. ребенка, дата рождения',
      'Дата выявления',
      'Дата постановки на учет',
      'Перспективный план работы с семьей и несовершеннолетним, находящимися в социально опасном положении',
      'Характеристика социально опасной ситуации семьи',
      'Задачи социально реабилитационной программы',
      'Планируемые мероприятия',
      'Проведение социально-реабилитационных мероприятий',
      'Динамика уровня реабилитационного потенциала',
      'Начальный этап',
      'Заключительный этап',
      'Реакция членов семьи на вмешательство',
      'Форма реакции',
      'Готовность к сотрудничеству в разрешении проблем семьи',
      'Изменения вида патронажа в ходе работы с семьей и несовершеннолетним',
      'Проведение заседаний социально-реабилитационного консилиума',
      'Дата проведения консилиума',
      'Оценка результатов реализации индивидуальной программы социальной реабилитации',
      'Достигнута полная реабилитация',
    ]);
    expect(file.paragraphs).toContain(`(протокол № 3 от ${printed(today)} г.)`);
    // The survey's stage, potential and reaction, and the consilium, fill the lower tables.
    const p = file.paragraphs;
    expect(p[p.indexOf('Заключительный этап') + 1]).toBe('средний');
    expect(p[p.indexOf('Готовность к сотрудничеству в разрешении проблем семьи') + 1]).toBe('+');
    expect(p[p.indexOf('Спокойное реагирование') + 1]).toBe('');
    expect(file.text).toContain('Консилиум: план работы с семьёй согласован');
    for (const value of ['Марийская Ирина Петровна, 11.02.1988 г. р.', 'Восстановить посещение школы']) expect(file.text).toContain(value);
  });

  it('when someone who may not read the case asks for its documents, then no document leaves', async () => {
    for (const user of ['secretary.yol', 'education.yol', 'auditor.vlk']) {
      const result = await as<{ kdnCase: { conclusionDocument: Doc | null } | null }>(user, CONCLUSION_ONLY, { id: vlkCase.id });
      expect(result.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(result.data ?? {})).not.toContain('base64');
      expect(result.data?.kdnCase?.conclusionDocument ?? null).toBeNull();
    }
  });

  it('when guardianship records a housing inspection with the act’s fields, then appendix 1 (АКТ жилищно-бытовых условий семьи) prints them; another territory gets no act', async () => {
    const input = {
      idempotencyKey: `act-${randomUUID()}`,
      childId: vlk.childId,
      actNumber: 'А-42',
      inspectedOn: today,
      inspector: 'Сидорова Елена Викторовна, специалист органа опеки',
      conclusion: '=1+1 Рекомендуется постановка семьи на учёт',
      threatToLifeOrHealth: false,
      act: {
        familyName: 'Документовы',
        father: { lastName: 'Документов', firstName: 'Олег', middleName: 'Иванович', birthDate: '1985-06-30', workplace: 'не работает', position: null },
        mother: { lastName: 'Документова', firstName: 'Ирина', middleName: 'Петровна', birthDate: '1988-02-11', workplace: 'ООО «Ромашка»', position: 'продавец' },
        address: vlk.address,
        phone: '+7 900 000-00-00',
        memberCount: 3,
        minorCount: 1,
        livingConditions: 'Квартира, 2 комнаты, 44 кв. м, удобства есть, санитарное состояние неудовлетворительное',
        familyProblems: 'Отсутствие контроля за обучением ребенка',
        specialists: ['Сидорова Е. В.', 'Петров П. П.'],
      },
    };
    const recorded = ok(
      await as<{ guardianship: { recordHousingInspection: { id: string; act: { familyName: string; memberCount: number }; actDocument: Doc } } }>('guardianship.vlk', INSPECT, { i: input }),
    ).guardianship.recordHousingInspection;
    expect(recorded.act).toEqual({ familyName: 'Документовы', memberCount: 3 });
    const read1 = ok(await as<{ child: { guardianship: { inspections: Array<{ actNumber: string; actDocument: Doc }> } } }>('guardianship.vlk', INSPECTIONS, { id: vlk.childId })).child.guardianship
      .inspections;
    const file = await read(read1.find((i) => i.actNumber === 'А-42')!.actDocument);
    expectFormWording(file.text, 'myasnikovsky', [
      'Приложение №1 к порядку межведомственного взаимодействия',
      'АКТ жилищно-бытовых условий семьи',
      '(фамилия семьи)',
      'Отец:',
      'Мать:',
      'Фамилия',
      'Отчество',
      'Место работы',
      'Адрес проживания',
      'Телефон',
      'Количество членов семьи',
      'в т.ч: несовершеннолетних',
      'Условия проживания (квартира или дом; количество комнат, общая жилая площадь, наличие коммунальных удобств, санитарное состояние):',
      'Проблемы семьи (на основе соответствия критериев отнесения семей к категории находящихся в социально опасном положении):',
      'Заключения специалистов о необходимости постановки семьи на учет:',
      'Подписи специалистов, составивших акт:',
    ]);
    for (const value of [
      'Документовы',
      'ООО «Ромашка»',
      'продавец',
      '30.06.1985',
      '+7 900 000-00-00',
      'Отсутствие контроля за обучением ребенка',
      '_______________ / Петров П. П. /',
      `№ А-42 от ${printed(today)}`,
    ])
      expect(file.text).toContain(value);
    expect(file.paragraphs).toContain('=1+1 Рекомендуется постановка семьи на учёт');

    // An inspection recorded without the form's fields prints the act with blanks for the pen, signed by its inspector.
    const bare = ok(
      await as<{ guardianship: { recordHousingInspection: { act: unknown; actDocument: Doc } } }>('guardianship.vlk', INSPECT, {
        i: {
          idempotencyKey: `act-${randomUUID()}`,
          childId: vlk.childId,
          actNumber: 'А-44',
          inspectedOn: today,
          inspector: 'Сидорова Е. В.',
          conclusion: 'Условия удовлетворительные',
          threatToLifeOrHealth: false,
        },
      }),
    ).guardianship.recordHousingInspection;
    expect(bare.act).toBeNull();
    const bareFile = await read(bare.actDocument);
    expect(bareFile.paragraphs).toEqual(expect.arrayContaining(['АКТ жилищно-бытовых условий семьи', 'Условия удовлетворительные', '_______________ / Сидорова Е. В. /']));

    const outsider = await as<{ child: unknown }>('guardianship.yol', INSPECTIONS, { id: vlk.childId });
    expect(outsider.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(outsider.data ?? {})).not.toContain('base64');
  });

  it('when the act’s fields are wrong, then the error names the field and the rule, and nothing is stored', async () => {
    const base = { childId: vlk.childId, actNumber: 'А-43', inspectedOn: today, inspector: 'Сидорова Е. В.', conclusion: 'Условия удовлетворительные', threatToLifeOrHealth: false };
    const act = { familyName: 'Документовы', address: vlk.address, memberCount: 2, minorCount: 3, livingConditions: 'Дом', familyProblems: 'нет', specialists: ['Сидорова Е. В.'] };
    const refused = await as('guardianship.vlk', INSPECT, { i: { ...base, idempotencyKey: `act-${randomUUID()}`, act } });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.act.minorCount', rule: 'act.minorsWithinMembers' });
    const inspections = ok(await as<{ child: { guardianship: { inspections: Array<{ actNumber: string }> } } }>('guardianship.vlk', INSPECTIONS, { id: vlk.childId })).child.guardianship.inspections;
    expect(inspections.map((i) => i.actNumber)).not.toContain('А-43');
  });
});
