import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { pseudonym } from '../../auth/audit/audit-entry';
import { DEV_PSEUDONYM_KEY as DEV_KEY } from '../../scripts/hub';
import { FAMILY_CATEGORY_CAPTIONS, FamilyCategory } from '../../schema/enums';
import {
  CARD_ATTACHMENT_CAPTIONS,
  CARD_REGISTRATION_BODY_CAPTIONS,
  CHILD_LIVING_CONDITION_CAPTIONS,
  HOUSING_COMFORT_CAPTIONS,
  HOUSING_KIND_CAPTIONS,
  INCOME_CAPTIONS,
  PARENT_PROFILE_CAPTIONS,
  PARENT_PROFILE_TRAITS,
  SANITARY_STATE_CAPTIONS,
  SOP_SITUATION_CAPTIONS,
} from '../../subgraphs/bank/identity/types/account-card.enums';
import { ACCOUNT_CARD_CAPTIONS, ACCOUNT_CARD_FORM_RULES } from '../../subgraphs/bank/identity/services/account-card.forms';
import { readDocx } from '../export/read-back';
import { personInput } from '../support/factories';
import { kdnFlow } from '../support/kdn-flow';
import { REGISTER_FAMILY, REGISTER_PERSON } from '../support/operations';
import type { HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';
import { findInPages } from '../support/pages';

/**
 * The family account card whole: filled through the gateway by the people the regions name, read
 * back as the DOCX of the family's region (Mari El appendix 3, Myasnikovsky appendix 2) with every
 * caption found in the seed's own text and every value in Russian, refused field by field when
 * wrong, closed to those without the right, and carried to the regional bank in the JSON card.
 */
const SEEDS_DIR = path.resolve(__dirname, '../../../shared/seeds');
/** The seed as words: markdown marks, HTML and line breaks gone, so a caption broken over two lines is still found. */
function seedText(file: string): string {
  return squash(
    readFileSync(path.join(SEEDS_DIR, file), 'utf8')
      .replace(/<[^>]+>/g, ' ')
      .replace(/[*#\\_]/g, ' '),
  );
}
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const MARI_EL = seedText('004_166694640244a117.txt');
const MYASNIKOVSKY = seedText('002_3c355fd3198502e9.txt');

const UPDATE = `mutation Update($familyId: ID!, $input: UpdateAccountCardInput!) {
  updateAccountCard(familyId: $familyId, input: $input) {
    familyId detectedOn sopSituations incomePerMember memberCount minorCount supportNotArranged
    housing { kind area comfort sanitary childConditions }
    income { salary benefits }
    members { personId birthPlace occupation phones document { kind series number issuedOn issuedBy } }
    registrations { body personId registeredOn protocol reason }
    attachments { kind organisation detail phone }
  }
}`;
const CARD = `query Card($id: ID!) { family(id: $id) { id categories accountCard { familyId detectedOn incomePerMember document { fileName contentType base64 } } } }`;
const REGISTER = `query Register($m: String!, $after: ID) { dataBankRegister(municipality: $m, currentOnly: true, first: 500, afterFamily: $after) }`;
const OPERATOR = { 'x-hub-purpose': 'DATA_BANK' };

type Card = { familyId: string; detectedOn: string | null; incomePerMember: number | null; document: { fileName: string; contentType: string; base64: string } };
type GqlError = { message: string; path?: Array<string | number>; extensions?: Record<string, unknown> };

function ok<T>(r: { errors?: unknown; data: T | null }): T {
  if (r.errors) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.data!;
}

/** No enumeration code of the card may reach the paper. */
const CODES = [
  ...Object.keys(FAMILY_CATEGORY_CAPTIONS),
  ...Object.keys(SOP_SITUATION_CAPTIONS),
  ...Object.keys(PARENT_PROFILE_CAPTIONS),
  ...Object.keys(HOUSING_KIND_CAPTIONS),
  ...Object.keys(CARD_ATTACHMENT_CAPTIONS),
  ...Object.keys(CARD_REGISTRATION_BODY_CAPTIONS),
  'PASSPORT',
  'BIRTH_CERTIFICATE',
  'MOTHER',
  'FATHER',
  'CHILD',
  'FEMALE',
  'MALE',
  'SATISFACTORY',
  'WITH_AMENITIES',
];

describe('the family account card: filled through the API, printed in the region form, checked against the seeds', () => {
  let t: HubClient;
  let admin: Client;
  let flow: ReturnType<typeof kdnFlow>;
  const today = new Date().toISOString().slice(0, 10);
  const vlk = { familyId: '', motherId: '', childId: '' };
  const yol = { familyId: '', motherId: '', fatherId: '', childId: '', toddlerId: '' };
  const as = async <T>(user: string, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.gql<T>(await t.userToken(user), query, variables, undefined, headers);
  const errorOf = (r: { errors?: GqlError[] }) => r.errors?.[0]?.extensions ?? {};

  beforeAll(async () => {
    t = await sharedTestHub();
    flow = kdnFlow(t);
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();

    // Vladivostok (Primorsky: Myasnikovsky's form), recognised as being in SOP by a KDN resolution.
    Object.assign(vlk, await flow.family());
    await flow.recogniseSop(vlk.childId, '21/4');

    // Yoshkar-Ola (Mari El: its appendix 3), registered by the KDN secretary; not yet in the register.
    const person = async (overrides: Record<string, unknown>) =>
      ok(
        await as<{ registerPerson: { person: { id: string } } }>('secretary.yol', REGISTER_PERSON, {
          input: personInput({ municipality: '88701000', registeredAddress: 'г. Йошкар-Ола, ул. Учебная, д. 5, кв. 2', actualAddress: 'г. Йошкар-Ола, ул. Учебная, д. 5, кв. 2', ...overrides }),
        }),
      ).registerPerson.person.id;
    yol.motherId = await person({ lastName: 'Примерова', firstName: 'Ольга', middleName: 'Петровна', birthDate: '1988-02-11', sex: 'FEMALE' });
    yol.fatherId = await person({ lastName: 'Примеров', firstName: 'Игорь', middleName: 'Семёнович', birthDate: '1985-07-30', sex: 'MALE' });
    yol.childId = await person({ lastName: 'Примеров', firstName: 'Денис', middleName: 'Игоревич', birthDate: '2012-04-03', sex: 'MALE' });
    yol.toddlerId = await person({ lastName: 'Примерова', firstName: 'Вера', middleName: 'Игоревна', birthDate: '2021-10-09', sex: 'FEMALE' });
    yol.familyId = ok(
      await as<{ registerFamily: { id: string } }>('secretary.yol', REGISTER_FAMILY, {
        input: {
          idempotencyKey: `family-${randomUUID()}`,
          municipality: '88701000',
          categories: ['LARGE_FAMILY'],
          registeredAddress: 'г. Йошкар-Ола, ул. Учебная, д. 5, кв. 2',
          actualAddress: 'г. Йошкар-Ола, ул. Учебная, д. 5, кв. 2',
          members: [
            { personId: yol.motherId, role: 'MOTHER' },
            { personId: yol.fatherId, role: 'FATHER' },
            { personId: yol.childId, role: 'CHILD' },
            { personId: yol.toddlerId, role: 'CHILD' },
          ],
        },
      }),
    ).registerFamily.id;
  });

  afterAll(async () => {
    await admin?.end();
    await t?.stop();
  });

  it('when the seeds are read, then each form rule cites words the seed really says', () => {
    for (const rule of ACCOUNT_CARD_FORM_RULES) {
      expect(seedText(rule.citation.seed)).toContain(squash(rule.citation.quote));
    }
    expect(MARI_EL).toContain(squash(ACCOUNT_CARD_CAPTIONS.MARI_EL_APPENDIX_3.title));
    expect(MYASNIKOVSKY).toContain(squash(ACCOUNT_CARD_CAPTIONS.MYASNIKOVSKY_APPENDIX_2.title));
  });

  it("when Mari El's list of family categories is read, then every box of it is a FamilyCategory whose description is the seed's wording", () => {
    // Section 6 of appendix 3, between its heading and section 7.
    const section = MARI_EL.slice(MARI_EL.indexOf('6. Категория семьи'), MARI_EL.indexOf('7. Социально-психологическая'));
    const captions = Object.values(FAMILY_CATEGORY_CAPTIONS);
    const boxes = section
      .replace(/6\. Категория семьи \(нужное отметить\):/, '')
      .replace(/Категория Отметка \( \) Категория Отметка \( \)/, '')
      .trim();
    // Every caption of the form's list is ours, and nothing of the list is left unmatched.
    const matched = captions.filter((c) => boxes.includes(c));
    expect(matched.length).toBe(15);
    let rest = boxes;
    for (const c of [...matched].sort((a, b) => b.length - a.length)) rest = rest.split(c).join(' ');
    expect(squash(rest)).toBe('');
    for (const code of Object.values(FamilyCategory).filter((c) => c !== 'GUARDIAN_OR_FOSTER' && c !== 'OTHER')) {
      expect(`${MARI_EL} ${MYASNIKOVSKY}`).toContain(FAMILY_CATEGORY_CAPTIONS[code]);
    }
  });

  it('when the Mari El secretary fills the card of a Yoshkar-Ola family, then the DOCX is appendix 3 with every caption of the seed and every value in Russian', async () => {
    const filled = await as<{ updateAccountCard: Record<string, any> }>('secretary.yol', UPDATE, {
      familyId: yol.familyId,
      input: {
        detectedOn: '2026-01-15',
        detectedBy: 'МБОУ «Средняя общеобразовательная школа № 3» г. Йошкар-Олы',
        categories: ['COMPLETE', 'LARGE_FAMILY', 'ONE_PARENT_UNEMPLOYED', 'DISABLED_PARENTS'],
        sopSituations: ['EVADING_UPBRINGING_SUBSTANCES', 'DOMESTIC_VIOLENCE'],
        parentProfiles: ['ASOCIAL'],
        housing: {
          kind: 'PRIVATE_HOUSE',
          area: 54.5,
          comfort: 'WITHOUT_AMENITIES',
          dilapidated: true,
          sanitary: 'UNSATISFACTORY',
          childConditions: ['CORNER_IN_SHARED_ROOM'],
          childConditionsOther: 'нет письменного стола',
        },
        income: { salary: 18000, pension: null, benefits: 12400.5, alimony: 0 },
        supportMeasures: 'Ежемесячное пособие на ребенка',
        registrations: [{ body: 'HEALTH', personId: yol.fatherId, registeredOn: '2025-11-20', protocol: '77', reason: 'Диспансерное наблюдение у нарколога' }],
        attachments: [
          { kind: 'KINDERGARTEN', personId: yol.toddlerId, organisation: 'МБДОУ «Детский сад № 1»', detail: 'группа «Солнышко»', phone: '8 (8362) 45-67-89' },
          { kind: 'CLINIC', personId: yol.childId, organisation: 'Детская поликлиника № 2', detail: 'участок № 7', phone: '+7 836 245-11-22' },
        ],
        members: [
          {
            personId: yol.motherId,
            birthPlace: 'г. Йошкар-Ола',
            occupation: 'не работает',
            phones: ['+7 902 111-22-33'],
            document: { kind: 'PASSPORT', series: '88 07', number: '123456', issuedOn: '2008-03-01', issuedBy: 'ОУФМС России по Республике Марий Эл' },
          },
          {
            personId: yol.childId,
            birthPlace: 'г. Волжск',
            occupation: 'МБОУ «СОШ № 3», 8 «Б» класс',
            document: { kind: 'BIRTH_CERTIFICATE', series: 'II-ЕС', number: '654321', issuedOn: '2012-04-20', issuedBy: 'Отдел ЗАГС г. Йошкар-Олы' },
          },
        ],
      },
    });
    const card = ok(filled).updateAccountCard;
    expect(card).toMatchObject({ detectedOn: '2026-01-15', memberCount: 4, minorCount: 2, housing: { kind: 'PRIVATE_HOUSE', area: 54.5 }, income: { salary: 18000, benefits: 12400.5 } });
    // Per member: 30 400,50 over four members.
    expect(card.incomePerMember).toBe(7600.13);
    expect(card.members.find((m: { personId: string }) => m.personId === yol.motherId)).toMatchObject({ phones: ['+79021112233'], document: { kind: 'PASSPORT', series: '8807', number: '123456' } });
    expect(card.attachments.map((a: { phone: string }) => a.phone)).toEqual(['+78362456789', '+78362451122']);

    const read = ok(await as<{ family: { categories: string[]; accountCard: Card } }>('secretary.yol', CARD, { id: yol.familyId })).family;
    expect(read.categories).toEqual(['COMPLETE', 'DISABLED_PARENTS', 'LARGE_FAMILY', 'ONE_PARENT_UNEMPLOYED']);
    expect(read.accountCard.document.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const docx = await readDocx(read.accountCard.document.base64);
    expect(docx.hasFieldCodes).toBe(false);
    const paragraphs = docx.paragraphs.map(squash);
    const text = squash(docx.text);

    // The form's own words, each found both in the document and in seed 004.
    const captions = [
      ACCOUNT_CARD_CAPTIONS.MARI_EL_APPENDIX_3.form,
      ACCOUNT_CARD_CAPTIONS.MARI_EL_APPENDIX_3.title,
      '1. Общие сведения',
      'Дата выявления',
      'Кем выявлено социальное неблагополучие несовершеннолетнего/семьи',
      'Ф.И.О. несовершеннолетнего',
      'Ф.И.О.родителей (законных представителей)',
      '2. Состав семьи',
      'Степень родства',
      'Ф.И.О. (полностью)',
      'Дата рождения',
      'Занятость (место работы, образовательная организация)',
      '3. Характеристика жилищно-бытовых условий семьи несовершеннолетнего',
      'Адрес проживания по прописке',
      'Адрес проживания фактический',
      'Жилищные условия',
      'Ветхое жилье',
      'Санитарное состояние жилья',
      'Условия жизни несовершеннолетних (нужное отметить)',
      '4. Доход семьи (со слов):',
      'Вид дохода',
      '(в рублях)',
      'Среднедушевой доход',
      '5. Меры социальной поддержки, которыми пользуется семья',
      'Наименование мер социальной поддержки',
      'Меры социальной поддержки не оформлены',
      '6. Категория семьи (нужное отметить):',
      'Категория',
      'Отметка',
      '7. Социально-психологическая характеристика родителей (нужное отметить):',
      'Критерий',
      'Характеристика',
      '8. Вид социально опасной ситуации в семье (нужное отметить):',
      'Вид социально опасной ситуации в семье',
      '9. Ведомственный учет и причины постановки:',
      'Органы и учреждения системы профилактики',
      'Дата постановки, № протокола',
      'Причина постановки',
      '10. Сведения о закреплении',
      'Подпись',
      'Ф.И.О. руководителя учреждения',
      ...Object.values(HOUSING_KIND_CAPTIONS),
      ...Object.values(HOUSING_COMFORT_CAPTIONS),
      ...Object.values(SANITARY_STATE_CAPTIONS),
      ...Object.values(INCOME_CAPTIONS),
      ...Object.values(PARENT_PROFILE_CAPTIONS),
      ...Object.values(PARENT_PROFILE_TRAITS),
      ...Object.values(SOP_SITUATION_CAPTIONS),
      ...Object.values(CARD_REGISTRATION_BODY_CAPTIONS),
      ...Object.values(CARD_ATTACHMENT_CAPTIONS),
    ];
    for (const caption of captions) {
      expect({ caption, inSeed: MARI_EL.includes(squash(caption)) }).toEqual({ caption, inSeed: true });
      expect({ caption, inDocument: paragraphs.includes(squash(caption)) }).toEqual({ caption, inDocument: true });
    }
    for (const c of Object.values(CHILD_LIVING_CONDITION_CAPTIONS)) expect(MARI_EL).toContain(c);
    // The columns Mari El's form lacks come in Myasnikovsky's wording.
    for (const caption of ['Дата и место рождения', 'Свидетельство о рождении, паспорт серия']) {
      expect(MYASNIKOVSKY).toContain(caption);
      expect(text).toContain(caption);
    }

    // Values, in Russian and as the forms print them.
    const row = (label: string) => paragraphs[paragraphs.indexOf(label) + 1];
    expect(row('Дата выявления')).toBe('15.01.2026');
    expect(row('Кем выявлено социальное неблагополучие несовершеннолетнего/семьи')).toBe('МБОУ «Средняя общеобразовательная школа № 3» г. Йошкар-Олы');
    expect(row('Частный дом, кв.м')).toBe('54,5 кв.м');
    expect(row('Не благоустроенное')).toBe('да');
    expect(row('Благоустроенное')).toBe('');
    expect(row('Ветхое жилье')).toBe('да');
    expect(row('неудовлетворительное')).toBe('да');
    expect(row('Заработная плата')).toBe('18 000,00');
    expect(row('Пособия')).toBe('12 400,50');
    expect(row('Среднедушевой доход')).toBe('7 600,13');
    expect(row('Наименование мер социальной поддержки')).toBe('Ежемесячное пособие на ребенка');
    expect(row('полная')).toBe('да');
    expect(row('многодетная семья')).toBe('да');
    expect(row('семья с родителями инвалидами')).toBe('да');
    expect(row('приемная')).toBe('');
    expect(row('Асоциальные')).toBe('да');
    expect(row('Насилие в семье')).toBe('да');
    expect(row('Несовершеннолетний, употребляющий алкогольные напитки')).toBe('');
    expect(row('Здравоохранение')).toBe('Примеров Игорь Семёнович: с 20.11.2025, протокол № 77');
    expect(row('ДОУ №, телефон')).toBe('Примерова Вера Игоревна: МБДОУ «Детский сад № 1», группа «Солнышко», тел. +7 836 245-67-89');
    expect(row('Поликлиника №, участок №, телефон')).toBe('Примеров Денис Игоревич: Детская поликлиника № 2, участок № 7, тел. +7 836 245-11-22');
    expect(text).toContain('уголок в общей комнате, Другое: нет письменного стола');
    // Section 2: kinship in Russian, by sex for the children.
    const kinship = paragraphs.slice(paragraphs.indexOf('Занятость (место работы, образовательная организация)') + 1, paragraphs.indexOf('Занятость (место работы, образовательная организация)') + 17);
    expect(kinship).toEqual([
      'мать',
      'Примерова Ольга Петровна',
      '11.02.1988',
      'не работает',
      'отец',
      'Примеров Игорь Семёнович',
      '30.07.1985',
      '',
      'сын',
      'Примеров Денис Игоревич',
      '03.04.2012',
      'МБОУ «СОШ № 3», 8 «Б» класс',
      'дочь',
      'Примерова Вера Игоревна',
      '09.10.2021',
      '',
    ]);
    expect(text).toContain('паспорт серия 8807 № 123456, выдан 01.03.2008, ОУФМС России по Республике Марий Эл');
    expect(text).toContain('свидетельство о рождении серия II-ЕС № 654321, выдан 20.04.2012, Отдел ЗАГС г. Йошкар-Олы');
    expect(text).toContain('11.02.1988, г. Йошкар-Ола');
    expect(text).toContain('+7 902 111-22-33');
    // Nothing a person reads is a code or an ISO date.
    for (const code of CODES) expect({ code, found: new RegExp(`\\b${code}\\b`).test(text) }).toEqual({ code, found: false });
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  });

  it('when the card of a family the KDN put in the register is filled in Vladivostok, then the DOCX is Myasnikovsky appendix 2 with the resolution, and the regional JSON card keeps its keys and gains the new ones', async () => {
    const [entry] = (await admin.query(`SELECT included_on::text AS on, basis FROM bank.register_entry WHERE family_id = $1`, [vlk.familyId])).rows;
    expect(entry).toBeDefined();
    const before = (await admin.query(`SELECT card_version FROM bank.family WHERE id = $1`, [vlk.familyId])).rows[0].card_version;
    ok(
      await as('secretary.vlk', UPDATE, {
        familyId: vlk.familyId,
        input: {
          detectedOn: today,
          sopSigns: 'Мать злоупотребляет алкоголем, ребенок систематически остается без присмотра',
          categories: ['SINGLE_PARENT', 'LOW_INCOME'],
          incomePerMember: 9500,
          income: { benefits: 19000 },
          additionalInfo: 'Семья проживает в съемной квартире',
          members: [
            {
              personId: vlk.motherId,
              occupation: 'ООО «Пример», продавец',
              document: { kind: 'PASSPORT', series: '0512', number: '765432', issuedOn: '2010-05-20', issuedBy: 'УФМС России по Приморскому краю' },
            },
            {
              personId: vlk.childId,
              birthPlace: 'г. Владивосток',
              occupation: 'МБОУ «СОШ № 1», 7 «А» класс',
              document: { kind: 'BIRTH_CERTIFICATE', series: 'I-ВС', number: '112233', issuedOn: '2013-09-10', issuedBy: 'Отдел ЗАГС Ленинского района г. Владивостока' },
            },
          ],
        },
      }),
    );
    const after = (await admin.query(`SELECT card_version FROM bank.family WHERE id = $1`, [vlk.familyId])).rows[0].card_version;
    expect(Number(after)).toBe(Number(before) + 1);

    // The bank operator of Primorsky (guardianship) prints it.
    const read = ok(await as<{ family: { accountCard: Card } }>('operator.vlk', CARD, { id: vlk.familyId }, OPERATOR)).family;
    expect(read.accountCard.incomePerMember).toBe(9500);
    const docx = await readDocx(read.accountCard.document.base64);
    const paragraphs = docx.paragraphs.map(squash);
    const text = squash(docx.text);
    const captions = [
      ACCOUNT_CARD_CAPTIONS.MYASNIKOVSKY_APPENDIX_2.form,
      ACCOUNT_CARD_CAPTIONS.MYASNIKOVSKY_APPENDIX_2.title,
      '1. Наименование органа (учреждения), выявившего семью',
      '2. Дата выявления',
      '3. Основание: постановление КДН и ЗП от',
      'Признаки нахождения семьи в социально опасном положении',
      '4. Сведения о семье: категория семьи',
      'Количество членов семьи',
      'в т. ч. несовершеннолетних',
      'Доход на одного члена семьи (со слов)',
      'источник дохода',
      'Место регистрации (по прописке)',
      'Место фактического проживания (адрес)',
      'Дополнительная информация',
      '5. Состав семьи:',
      '5.1. Сведения о родителях:',
      'Мать:',
      'фамилия',
      'имя',
      'отчество',
      'Место работы',
      'Паспорт: серия',
      'когда, кем выдан',
      '5.2. Сведения о несовершеннолетних членах семьи:',
      '1. ФИО несовершеннолетнего',
      'Дата и место рождения',
      'Место жительства',
      'Свидетельство о рождении, паспорт серия',
      'Место учебы, работы',
      'Состоит (состоял) на учете',
      '6.*Перечень проведенных мероприятий, их итоги',
      '7.*Отметка о снятии семьи с учета в областном банке данных:',
      '7.1 Постановление КДН и ЗП от',
      '7.2. В связи с',
      '*пп. 6 и 7 заполняются по итогам реализации индивидуальной программы реабилитации и адаптации семей',
      '(должность лица, оформившего карту) (подпись)',
    ];
    for (const caption of captions) {
      expect({ caption, inSeed: MYASNIKOVSKY.includes(squash(caption.replace(/\*/g, ' '))) }).toEqual({ caption, inSeed: true });
      expect({ caption, inDocument: paragraphs.includes(squash(caption)) }).toEqual({ caption, inDocument: true });
    }
    const row = (label: string) => paragraphs[paragraphs.indexOf(label) + 1];
    const [y, m, d] = entry.on.split('-');
    expect(row('3. Основание: постановление КДН и ЗП от')).toBe(`${d}.${m}.${y}`);
    expect(paragraphs).toContain('21/4');
    expect(row('2. Дата выявления')).toBe(today.split('-').reverse().join('.'));
    expect(row('1. Наименование органа (учреждения), выявившего семью')).not.toBe('');
    expect(row('4. Сведения о семье: категория семьи')).toBe('одинокая мать/отец; малообеспеченная семья');
    expect(row('Количество членов семьи')).toBe('2');
    expect(row('в т. ч. несовершеннолетних')).toBe('1');
    expect(row('Доход на одного члена семьи (со слов)')).toBe('9 500,00');
    expect(row('источник дохода')).toBe('Пособия');
    expect(row('Место работы')).toBe('ООО «Пример», продавец');
    expect(row('Паспорт: серия')).toBe('0512');
    expect(row('когда, кем выдан')).toBe('20.05.2010, УФМС России по Приморскому краю');
    expect(row('Дата и место рождения')).toBe('01.09.2013, г. Владивосток');
    expect(row('Свидетельство о рождении, паспорт серия')).toBe('свидетельство о рождении I-ВС');
    expect(row('Место учебы, работы')).toBe('МБОУ «СОШ № 1», 7 «А» класс');
    expect(row('Состоит (состоял) на учете')).toContain(`с ${d}.${m}.${y} — КДН и ЗП`);
    // The signs: whatever the resolution's reason says (the register's columns), then the card's own words.
    expect(row('Признаки нахождения семьи в социально опасном положении')).not.toBe('');
    expect(text).toContain('Мать злоупотребляет алкоголем, ребенок систематически остается без присмотра');
    for (const code of CODES) expect({ code, found: new RegExp(`\\b${code}\\b`).test(text) }).toEqual({ code, found: false });
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);

    // The JSON card of the register: the keys the regional bank already reads, and the new ones.
    // Paged through: the register holds other files' families too.
    const found = await findInPages(
      500,
      async (after) => ok(await as<{ dataBankRegister: Array<Record<string, any>> }>('operator.vlk', REGISTER, { m: '05701000', after }, OPERATOR)).dataBankRegister,
      (c) => c.familyId as string,
      (c) => c.familyId === vlk.familyId,
    );
    expect(found).toBeDefined();
    const json = found!;
    for (const key of ['familyId', 'cardVersion', 'municipality', 'categories', 'registeredAddress', 'actualAddress', 'register', 'members', 'registrations', 'attachments', 'measures'])
      expect(json).toHaveProperty(key);
    expect(Object.keys(json.members[0]).sort()).toEqual(['birthDate', 'firstName', 'lastName', 'middleName', 'personId', 'role']);
    expect(json.details).toMatchObject({ detectedOn: today, incomePerMember: 9500, incomePerMemberStated: true, memberCount: 2, minorCount: 1, income: { benefits: 19000 } });
    expect(json.memberDetails.find((x: { personId: string }) => x.personId === vlk.childId)).toMatchObject({
      birthPlace: 'г. Владивосток',
      document: { kind: 'BIRTH_CERTIFICATE', series: 'I-ВС', number: '112233', issuedOn: '2013-09-10' },
    });
    // The change went to the regional feed with the whole card.
    const [event] = (
      await admin.query(`SELECT payload FROM bank.outbox WHERE aggregate_type = 'AccountCard' AND aggregate_id = $1 AND type = 'AccountCardChanged' ORDER BY position DESC LIMIT 1`, [vlk.familyId])
    ).rows;
    expect(event.payload.details.sopSigns).toContain('Мать злоупотребляет алкоголем');
  });

  it('when a field breaks its rule, then the error names the field, the value and the rule, and nothing of the request is stored', async () => {
    const stored = async () => (await admin.query(`SELECT to_jsonb(c) - 'updated_at' AS c FROM bank.family_card c WHERE family_id = $1`, [yol.familyId])).rows[0]?.c;
    const people = async () =>
      (await admin.query(`SELECT to_jsonb(c) - 'updated_at' AS c FROM bank.person_card c WHERE person_id = ANY($1) ORDER BY person_id`, [[yol.motherId, yol.childId, yol.fatherId]])).rows;
    const [cardBefore, peopleBefore] = [await stored(), await people()];
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ members: [{ personId: yol.motherId, document: { kind: 'PASSPORT', series: '88A7', number: '123456' } }] }, 'input.members[0].document.series', 'document.passportSeries'],
      [{ members: [{ personId: yol.childId, document: { kind: 'BIRTH_CERTIFICATE', series: 'II-EC', number: '654321' } }] }, 'input.members[0].document.series', 'document.certificateSeries'],
      [
        { members: [{ personId: yol.childId, document: { kind: 'PASSPORT', series: '8807', number: '123456', issuedOn: '2020-01-10' } }] },
        'input.members[0].document.issuedOn',
        'document.passportAge',
      ],
      [{ members: [{ personId: yol.fatherId, document: { kind: 'PASSPORT', series: '8807', number: '12345' } }] }, 'input.members[0].document.number', 'document.number'],
      [{ members: [{ personId: yol.motherId, phones: ['12-34'] }] }, 'input.members[0].phones[0]', 'phone.format'],
      [{ members: [{ personId: vlk.childId, birthPlace: 'г. Владивосток' }] }, 'input.members[0].personId', 'card.member'],
      [{ income: { salary: -100 } }, 'input.income.salary', 'money.range'],
      [{ income: { salary: 100.555 } }, 'input.income.salary', 'money.kopecks'],
      [{ housing: { kind: 'NO_PERMANENT_HOME', area: 20 } }, 'input.housing.area', 'housing.area'],
      [{ housing: { kind: 'OTHER' } }, 'input.housing.otherDescription', 'housing.otherDescription'],
      [{ supportMeasures: 'Пособие', supportNotArranged: true }, 'input.supportNotArranged', 'card.supportMeasures'],
      [{ detectedOn: '2999-01-01' }, 'input.detectedOn', 'date.notInFuture'],
      [{ registrations: [{ body: 'POLICE', registeredOn: '2026-02-01', removedOn: '2025-01-01' }] }, 'input.registrations[0].removedOn', 'date.range'],
      [{ attachments: [{ kind: 'SCHOOL', organisation: '   ' }] }, 'input.attachments[0].organisation', 'text.required'],
    ];
    for (const [bad, field, rule] of cases) {
      // A valid change rides along with the bad one: it must not be stored either.
      const result = await as<unknown>('secretary.yol', UPDATE, { familyId: yol.familyId, input: { additionalInfo: 'не должно сохраниться', ...bad } });
      expect({ field, rule, got: errorOf(result as { errors?: GqlError[] }) }).toMatchObject({ field, rule, got: { code: 'BAD_USER_INPUT', field, rule } });
      expect((result as { errors: GqlError[] }).errors[0].message).toContain(field);
    }
    expect(await stored()).toEqual(cardBefore);
    expect(await people()).toEqual(peopleBefore);
  });

  it('when someone without the right fills or prints the card, then FORBIDDEN names the permission and nothing is stored', async () => {
    const before = (await admin.query(`SELECT updated_at FROM bank.family_card WHERE family_id = $1`, [yol.familyId])).rows[0].updated_at;
    // A school specialist of the territory: neither keeps nor fills the bank.
    const school = await as('education.yol', UPDATE, { familyId: yol.familyId, input: { sopSigns: 'чужая запись' } });
    expect(errorOf(school as { errors?: GqlError[] })).toMatchObject({ code: 'FORBIDDEN', permission: 'register:write' });
    // The KDN secretary of another region: out of her territory.
    const foreign = await as('secretary.vlk', UPDATE, { familyId: yol.familyId, input: { sopSigns: 'чужая запись' } });
    expect(errorOf(foreign as { errors?: GqlError[] })).toMatchObject({ code: 'FORBIDDEN', permission: 'register:write', reason: 'territory' });
    // Primorsky's bank operator is guardianship: Mari El's family is not in its bank.
    const operator = await as('operator.vlk', UPDATE, { familyId: yol.familyId, input: { sopSigns: 'чужая запись' } }, OPERATOR);
    expect(errorOf(operator as { errors?: GqlError[] })).toMatchObject({ code: 'FORBIDDEN', permission: 'register:write' });
    const after = (await admin.query(`SELECT updated_at, sop_signs FROM bank.family_card WHERE family_id = $1`, [yol.familyId])).rows[0];
    expect(after.updated_at).toEqual(before);
    expect(after.sop_signs).toBeNull();

    // Printing: the school specialist reads the family (territory) but not its card.
    const print = await as<{ family: { accountCard: Card | null } | null }>('education.yol', CARD, { id: yol.familyId });
    const denied = print.errors!.find((e) => JSON.stringify(e.path) === JSON.stringify(['family', 'accountCard']));
    expect(denied?.extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'register:read' });
    expect(print.data?.family?.accountCard ?? null).toBeNull();
    // Mari El's bank operator is the KDN: it prints.
    const allowed = await as<{ family: { accountCard: Card } }>('operator.yol', CARD, { id: yol.familyId }, OPERATOR);
    expect(ok(allowed).family.accountCard.document.base64.length).toBeGreaterThan(1000);
  });

  it("when the case's curator fills the card (Mari El 5.3), then the case and the parent's consent decide: refused without the consent, stored with it", async () => {
    const curatorOrg = '1020500010090';
    const fill = () => as('curator.vlk', UPDATE, { familyId: vlk.familyId, input: { detectedBy: 'Центр социального обслуживания населения г. Владивостока' } });
    const without = await fill();
    expect(errorOf(without as { errors?: GqlError[] })).toMatchObject({ code: 'FORBIDDEN', permission: 'register:write', reason: 'no_consent' });
    ok(
      await as('secretary.vlk', `mutation Consent($input: RecordConsentInput!) { recordConsent(input: $input) { id status } }`, {
        input: {
          childId: vlk.childId,
          grantorId: vlk.motherId,
          organisationIds: [curatorOrg],
          categories: ['SOCIAL'],
          purposes: ['INDIVIDUAL_PREVENTION'],
          validFrom: '2026-01-01',
          documentRef: 'Согласие от 01.01.2026 № 3',
        },
      }),
    );
    const withConsent = await fill();
    expect(withConsent.errors).toBeUndefined();
    expect((await admin.query(`SELECT detected_by FROM bank.family_card WHERE family_id = $1`, [vlk.familyId])).rows[0].detected_by).toBe('Центр социального обслуживания населения г. Владивостока');
  });

  it('when the card is filled and printed, then each request is in the audit log with the family as its subject and the basis it was allowed on', async () => {
    const family = pseudonym(DEV_KEY, { kind: 'Family', id: yol.familyId });
    const entries = (await admin.query(`SELECT body FROM audit.entry WHERE body->>'service' = 'bank' AND body->>'operationName' IN ('Update', 'Card') ORDER BY position`)).rows.map(
      (r: { body: Record<string, any> }) => r.body,
    );
    const ours = entries.filter((e) => (e.subjects ?? []).includes(family));
    // The write's own entry: the tables it wrote, who, on which basis.
    expect(ours.some((e) => e.operationName === 'Update' && e.kind === 'write' && e.written.includes('family_card') && e.written.includes('person_card') && e.username === 'secretary.yol')).toBe(true);
    // The answer's entry names what was shown by category: the documents, the phones, the housing, the family's situation.
    expect(ours.some((e) => e.operationName === 'Update' && !e.kind && ['contacts', 'documents', 'housing', 'social'].every((c) => e.categories.includes(c)))).toBe(true);
    // Refusals are logged with the permission refused.
    expect(ours.some((e) => e.operationName === 'Update' && e.denied.some((d: string) => d.startsWith('register:write:')))).toBe(true);
    expect(ours.some((e) => e.operationName === 'Card' && e.username === 'education.yol' && e.denied.some((d: string) => d.startsWith('register:read:')))).toBe(true);
    // The printed card's read, with the KDN's basis.
    expect(ours.some((e) => e.operationName === 'Card' && e.username === 'operator.yol' && e.basis.length > 0 && e.denied.length === 0)).toBe(true);
  });
});
