import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { SOP_CRITERIA } from '../../../../schema/catalogue/sop-criteria';
import { FAMILY_CATEGORY_CAPTIONS, FamilyCategory } from '../../../../schema/enums';
import { REGISTRATION_KINDS } from '../../../common/events/event-types';
import { DocumentBlock, DocumentSpec, printedDate } from '../../../common/export';
import { CLOSURE_REASON_CAPTIONS, detectingCaption } from '../../register/services/quarterly-list.service';
import { AccountCard, AccountCardMemberDetails } from '../../sync/account-card.service';
import {
  CARD_ATTACHMENT_CAPTIONS,
  CARD_REGISTRATION_BODY_CAPTIONS,
  CardAttachmentKind,
  CardRegistrationBody,
  CHILD_LIVING_CONDITION_CAPTIONS,
  ChildLivingCondition,
  DILAPIDATED_CAPTION,
  HOUSING_COMFORT_CAPTIONS,
  HOUSING_KIND_CAPTIONS,
  HousingComfort,
  HousingKind,
  IDENTITY_DOCUMENT_CAPTIONS,
  IdentityDocumentKind,
  INCOME_CAPTIONS,
  INCOME_KINDS,
  PARENT_PROFILE_CAPTIONS,
  PARENT_PROFILE_TRAITS,
  ParentProfile,
  REGISTRATION_BODY_OF_AGENCY,
  SANITARY_STATE_CAPTIONS,
  SanitaryState,
  SOP_SITUATION_CAPTIONS,
  SopSituation,
} from '../types/account-card.enums';
import { ACCOUNT_CARD_CAPTIONS, accountCardForm } from './account-card.forms';

/** A register entry as the database holds it (every column, whichever helper added it). */
export type RegisterRow = Record<string, unknown>;

type Member = AccountCard['members'][number] & AccountCardMemberDetails;

/** What a checkbox of the forms prints when it is ticked. */
const MARK = 'да';
const ROLE_ORDER = ['MOTHER', 'FATHER', 'GUARDIAN', 'OTHER_ADULT', 'CHILD'];
const MEASURE_STATUS: Record<string, string> = { PLANNED: 'запланировано', DONE: 'выполнено', CANCELLED: 'отменено' };

/**
 * The account card as a person reads it, in the form of the family's region: every value in
 * Russian, dates DD.MM.YYYY, codes as the forms' captions. Built from the card the regional bank
 * receives (AccountCardService.card) and the register's rows, so the paper and the feed agree.
 */
export function accountCardDocument(card: AccountCard, register: RegisterRow[]): DocumentSpec {
  const rule = accountCardForm(card.municipality);
  const view = cardView(card, register);
  return rule.form === 'MARI_EL_APPENDIX_3' ? mariEl(view) : myasnikovsky(view);
}

interface CardView {
  card: AccountCard;
  members: Member[];
  adults: Member[];
  children: Member[];
  register: RegisterRow[];
  latest: RegisterRow | null;
  nameOf: (personId: unknown) => string;
}

function cardView(card: AccountCard, register: RegisterRow[]): CardView {
  const details = new Map(card.memberDetails.map((d) => [d.personId, d]));
  const members = card.members.map((m) => ({ ...m, ...details.get(m.personId)! })).sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.birthDate.localeCompare(b.birthDate));
  const names = new Map(members.map((m) => [m.personId, fullName(m)]));
  return {
    card,
    members,
    adults: members.filter((m) => m.role !== 'CHILD'),
    children: members.filter((m) => m.role === 'CHILD'),
    register,
    latest: register.at(-1) ?? null,
    nameOf: (id) => (typeof id === 'string' ? (names.get(id) ?? '') : ''),
  };
}

// ---- Mari El, appendix 3 ----

function mariEl(v: CardView): DocumentSpec {
  const { card } = v;
  const d = card.details;
  const housing = (d.housing ?? {}) as {
    kind?: string;
    area?: number | null;
    otherDescription?: string | null;
    comfort?: string | null;
    dilapidated?: boolean | null;
    sanitary?: string | null;
    childConditions?: string[];
    childConditionsOther?: string | null;
  };
  const income = d.income ?? {};
  const categories = new Set(card.categories);
  const blocks: DocumentBlock[] = [
    { kind: 'heading', text: '1. Общие сведения' },
    {
      kind: 'fields',
      rows: [
        ['Дата выявления', printedDate(detectedOn(v))],
        ['Кем выявлено социальное неблагополучие несовершеннолетнего/семьи', detectedBy(v)],
        ['Ф.И.О. несовершеннолетнего', v.children.map(fullName).join('\n')],
        [
          'Ф.И.О.родителей (законных представителей)',
          v.adults
            .filter((m) => m.role !== 'OTHER_ADULT')
            .map(fullName)
            .join('\n'),
        ],
      ],
    },
    { kind: 'heading', text: '2. Состав семьи' },
    {
      kind: 'table',
      headings: ['Степень родства', 'Ф.И.О. (полностью)', 'Дата рождения', 'Занятость (место работы, образовательная организация)'],
      rows: v.members.map((m) => [kinship(m), fullName(m), printedDate(m.birthDate), occupation(v, m)]),
    },
    // Not on Mari El's form but on the card of the data bank (DOMAIN.md; Myasnikovsky appendix 2): kept beside section 2.
    {
      kind: 'table',
      headings: ['Ф.И.О. (полностью)', 'Дата и место рождения', 'Свидетельство о рождении, паспорт серия № когда, кем выдан', 'Телефон'],
      rows: v.members.map((m) => [fullName(m), birth(m), documentText(m), m.phones.map(phoneText).join(', ')]),
    },
    { kind: 'heading', text: '3. Характеристика жилищно-бытовых условий семьи несовершеннолетнего' },
    {
      kind: 'fields',
      rows: [
        ['Адрес проживания по прописке', card.registeredAddress],
        ['Адрес проживания фактический', card.actualAddress],
      ],
    },
    {
      kind: 'table',
      headings: ['Жилищные условия', ''],
      rows: [
        ...Object.values(HousingKind).map((kind) => [HOUSING_KIND_CAPTIONS[kind], housing.kind === kind ? housingValue(housing) : ''] as const),
        ...Object.values(HousingComfort).map((c) => [HOUSING_COMFORT_CAPTIONS[c], housing.comfort === c ? MARK : ''] as const),
        [DILAPIDATED_CAPTION, housing.dilapidated ? MARK : ''],
      ],
    },
    {
      kind: 'table',
      headings: ['Санитарное состояние жилья', ''],
      rows: Object.values(SanitaryState).map((s) => [SANITARY_STATE_CAPTIONS[s], housing.sanitary === s ? MARK : '']),
    },
    {
      kind: 'fields',
      rows: [['Условия жизни несовершеннолетних (нужное отметить)', childConditions(housing)]],
    },
    { kind: 'heading', text: '4. Доход семьи (со слов):' },
    {
      kind: 'table',
      headings: ['Вид дохода', '(в рублях)'],
      rows: [...INCOME_KINDS.map((k) => [INCOME_CAPTIONS[k], rubles(income[k])] as const), ['Среднедушевой доход', rubles(d.incomePerMember)]],
    },
    { kind: 'heading', text: '5. Меры социальной поддержки, которыми пользуется семья' },
    {
      kind: 'fields',
      rows: [
        ['Наименование мер социальной поддержки', d.supportMeasures],
        ['Меры социальной поддержки не оформлены', d.supportNotArranged ? MARK : ''],
      ],
    },
    { kind: 'heading', text: '6. Категория семьи (нужное отметить):' },
    {
      kind: 'table',
      headings: ['Категория', 'Отметка'],
      rows: [
        ...MARI_EL_CATEGORIES.map((c) => [FAMILY_CATEGORY_CAPTIONS[c], categories.has(c) ? MARK : ''] as const),
        // A family categorised under another region's list keeps what it was given.
        ...card.categories.filter((c) => !MARI_EL_CATEGORIES.includes(c as FamilyCategory)).map((c) => [FAMILY_CATEGORY_CAPTIONS[c as FamilyCategory] ?? c, MARK] as const),
      ],
    },
    { kind: 'heading', text: '7. Социально-психологическая характеристика родителей (нужное отметить):' },
    {
      kind: 'table',
      headings: ['Критерий', 'Отметка', 'Характеристика'],
      rows: Object.values(ParentProfile).map((p) => [PARENT_PROFILE_CAPTIONS[p], d.parentProfiles.includes(p) ? MARK : '', PARENT_PROFILE_TRAITS[p]]),
    },
    { kind: 'heading', text: '8. Вид социально опасной ситуации в семье (нужное отметить):' },
    {
      kind: 'table',
      headings: ['Вид социально опасной ситуации в семье', 'Отметка'],
      rows: Object.values(SopSituation).map((s) => [SOP_SITUATION_CAPTIONS[s], d.sopSituations.includes(s) ? MARK : '']),
    },
    { kind: 'heading', text: '9. Ведомственный учет и причины постановки:' },
    {
      kind: 'table',
      headings: ['Органы и учреждения системы профилактики', 'Дата постановки, № протокола', 'Причина постановки'],
      rows: Object.values(CardRegistrationBody).map((body) => {
        const rows = registrationsOf(v, body);
        return [CARD_REGISTRATION_BODY_CAPTIONS[body], rows.map((r) => r.when).join('\n'), rows.map((r) => r.reason).join('\n')];
      }),
    },
    { kind: 'heading', text: '10. Сведения о закреплении' },
    { kind: 'fields', rows: Object.values(CardAttachmentKind).map((kind) => [CARD_ATTACHMENT_CAPTIONS[kind], attachmentsOf(v, kind).join('\n')] as const) },
  ];
  return {
    form: ACCOUNT_CARD_CAPTIONS.MARI_EL_APPENDIX_3.form,
    title: ACCOUNT_CARD_CAPTIONS.MARI_EL_APPENDIX_3.title,
    blocks,
    signatures: [
      { caption: 'Подпись', name: null },
      { caption: 'Ф.И.О. руководителя учреждения', name: null },
    ],
  };
}

/** Mari El's sixteen-box list in the form's order (left column, then right). */
const MARI_EL_CATEGORIES: FamilyCategory[] = [
  FamilyCategory.COMPLETE,
  FamilyCategory.FOSTER,
  FamilyCategory.GUARDIAN_FAMILY,
  FamilyCategory.LARGE_FAMILY,
  FamilyCategory.FATHER_ONLY,
  FamilyCategory.SINGLE_PARENT,
  FamilyCategory.PARENT_IN_PRISON,
  FamilyCategory.ONE_PARENT_UNEMPLOYED,
  FamilyCategory.BOTH_PARENTS_UNEMPLOYED,
  FamilyCategory.DISABLED_CHILD,
  FamilyCategory.DISABLED_PARENTS,
  FamilyCategory.DISABLED_PARENT,
  FamilyCategory.MINOR_PARENTS,
  FamilyCategory.REFUGEES_OR_MIGRANTS,
  FamilyCategory.CHILDREN_BACK_FROM_DETENTION,
];

// ---- Myasnikovsky, appendix 2 ----

function myasnikovsky(v: CardView): DocumentSpec {
  const { card } = v;
  const d = card.details;
  const basis = v.latest ? resolutionOf(String(v.latest.basis ?? '')) : { on: '', number: '' };
  const removed = [...v.register].reverse().find((r) => r.removed_on);
  const removal = removed ? resolutionOf(String(removed.removal_basis ?? '')) : null;
  const blocks: DocumentBlock[] = [
    {
      kind: 'fields',
      rows: [
        ['1. Наименование органа (учреждения), выявившего семью', detectedBy(v)],
        ['2. Дата выявления', printedDate(detectedOn(v))],
        ['3. Основание: постановление КДН и ЗП от', basis.on],
        ['№', basis.number],
        ['Признаки нахождения семьи в социально опасном положении', sopSigns(v)],
      ],
    },
    {
      kind: 'fields',
      rows: [
        [
          '4. Сведения о семье: категория семьи',
          inListOrder(card.categories)
            .map((c) => FAMILY_CATEGORY_CAPTIONS[c as FamilyCategory] ?? c)
            .join('; '),
        ],
        ['Количество членов семьи', String(d.memberCount)],
        ['в т. ч. несовершеннолетних', String(d.minorCount)],
        ['Доход на одного члена семьи (со слов)', rubles(d.incomePerMember)],
        [
          'источник дохода',
          INCOME_KINDS.filter((k) => (d.income?.[k] ?? 0) > 0)
            .map((k) => INCOME_CAPTIONS[k])
            .join(', '),
        ],
        ['Место регистрации (по прописке)', card.registeredAddress],
        ['Место фактического проживания (адрес)', card.actualAddress],
        ['Дополнительная информация', additionalInfo(v)],
      ],
    },
    { kind: 'heading', text: '5. Состав семьи:' },
    { kind: 'heading', text: '5.1. Сведения о родителях:' },
  ];
  for (const parent of v.adults.filter((m) => m.role !== 'OTHER_ADULT')) {
    const doc = parent.document;
    blocks.push(
      { kind: 'paragraph', text: { MOTHER: 'Мать:', FATHER: 'Отец:', GUARDIAN: 'Опекун (попечитель):' }[parent.role] ?? '' },
      {
        kind: 'fields',
        rows: [
          ['фамилия', parent.lastName],
          ['имя', parent.firstName],
          ['отчество', parent.middleName],
          ['Место работы', occupation(v, parent)],
          ['Паспорт: серия', doc?.kind === IdentityDocumentKind.PASSPORT ? doc.series : ''],
          ['№', doc?.kind === IdentityDocumentKind.PASSPORT ? doc.number : ''],
          ['когда, кем выдан', doc?.kind === IdentityDocumentKind.PASSPORT ? issued(doc) : ''],
        ],
      },
    );
  }
  blocks.push({ kind: 'heading', text: '5.2. Сведения о несовершеннолетних членах семьи:' });
  v.children.forEach((child, i) => {
    const doc = child.document;
    blocks.push({
      kind: 'fields',
      rows: [
        [`${i + 1}. ФИО несовершеннолетнего`, fullName(child)],
        ['Дата и место рождения', birth(child)],
        ['Место жительства', child.actualAddress ?? child.registeredAddress ?? card.actualAddress],
        ['Свидетельство о рождении, паспорт серия', doc ? `${IDENTITY_DOCUMENT_CAPTIONS[doc.kind as IdentityDocumentKind] ?? doc.kind} ${doc.series ?? ''}`.trim() : ''],
        ['№', doc?.number],
        ['когда, кем выдан', doc ? issued(doc) : ''],
        ['Место учебы, работы', occupation(v, child)],
        ['Состоит (состоял) на учете', childRegistrations(v, child.personId).join('\n')],
      ],
    });
  });
  blocks.push(
    { kind: 'fields', rows: [['6.*Перечень проведенных мероприятий, их итоги', measures(card).join('\n')]] },
    { kind: 'heading', text: '7.*Отметка о снятии семьи с учета в областном банке данных:' },
    {
      kind: 'fields',
      rows: [
        ['7.1 Постановление КДН и ЗП от', removal?.on ?? ''],
        ['№', removal?.number ?? ''],
        ['7.2. В связи с', removed ? (CLOSURE_REASON_CAPTIONS[String(removed.removal_reason)] ?? String(removed.removal_reason ?? '')) : ''],
      ],
    },
    { kind: 'paragraph', text: '*пп. 6 и 7 заполняются по итогам реализации индивидуальной программы реабилитации и адаптации семей' },
  );
  return {
    form: ACCOUNT_CARD_CAPTIONS.MYASNIKOVSKY_APPENDIX_2.form,
    title: ACCOUNT_CARD_CAPTIONS.MYASNIKOVSKY_APPENDIX_2.title,
    blocks,
    signatures: [{ caption: '(должность лица, оформившего карту) (подпись)', name: null, date: d.updatedAt ? d.updatedAt.slice(0, 10) : null }],
  };
}

// ---- values ----

/** Categories in the enumeration's order, which follows Myasnikovsky's list (многодетная, одинокая мать/отец ...). */
function inListOrder(categories: string[]): string[] {
  const order = Object.values(FamilyCategory) as string[];
  return [...categories].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

function fullName(m: { lastName: string; firstName: string; middleName: string | null }): string {
  return [m.lastName, m.firstName, m.middleName].filter(Boolean).join(' ');
}

function kinship(m: Member): string {
  if (m.role === 'CHILD') return m.sex === 'FEMALE' ? 'дочь' : 'сын';
  return { MOTHER: 'мать', FATHER: 'отец', GUARDIAN: 'опекун (попечитель)' }[m.role] ?? 'член семьи';
}

function birth(m: Member): string {
  return [printedDate(m.birthDate), m.birthPlace].filter(Boolean).join(', ');
}

function issued(doc: NonNullable<Member['document']>): string {
  return [printedDate(doc.issuedOn), doc.issuedBy].filter(Boolean).join(', ');
}

function documentText(m: Member): string {
  const doc = m.document;
  if (!doc) return '';
  return [`${IDENTITY_DOCUMENT_CAPTIONS[doc.kind as IdentityDocumentKind] ?? doc.kind} серия ${doc.series ?? '—'} № ${doc.number}`, issued(doc) ? `выдан ${issued(doc)}` : '']
    .filter(Boolean)
    .join(', ');
}

/** +79141234567 as it is written: +7 914 123-45-67. */
function phoneText(phone: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : phone;
}

/** Roubles as a Russian form writes them: 12 345,60. */
function rubles(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '';
  const [whole, kopecks] = amount.toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${kopecks}`;
}

/** Dates inside stored text (a basis «Постановление КДН № 5 от 2026-03-01») as the forms print them. */
function datesPrinted(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3.$2.$1');
}

/** «Постановление КДН № 12/3 от 2026-03-01» → the date and the number, each for its blank. */
function resolutionOf(basis: string): { on: string; number: string } {
  const number = /№\s*([^\s,]+(?:\s*\/\s*[^\s,]+)?)/.exec(basis)?.[1] ?? '';
  const on = /(\d{4}-\d{2}-\d{2})/.exec(basis)?.[1];
  return { on: on ? printedDate(on) : '', number: number || (on ? '' : datesPrinted(basis)) };
}

function detectedOn(v: CardView): string | null {
  return v.card.details.detectedOn ?? null;
}

/** The card's own entry, else who the register says detected the family (organisation, name, agency). */
function detectedBy(v: CardView): string {
  if (v.card.details.detectedBy) return v.card.details.detectedBy;
  const row = v.latest;
  if (!row) return '';
  const organisation = typeof row.detecting_organisation === 'string' ? loadOrganisationRegistry().get(row.detecting_organisation)?.name : undefined;
  const name = typeof row.detecting_name === 'string' ? row.detecting_name : undefined;
  return organisation ?? name ?? detectingCaption(typeof row.detecting_agency === 'string' ? row.detecting_agency : null) ?? '';
}

/** The reason the resolution gives (its criteria and note, where the register keeps them), then the card's own words. */
function registerReason(row: RegisterRow | null): string[] {
  if (!row) return [];
  const criteria = Array.isArray(row.reason_criteria) ? (row.reason_criteria as string[]).map((code) => SOP_CRITERIA.find((c) => c.code === code)?.caption ?? code) : [];
  const note = typeof row.reason_note === 'string' && row.reason_note ? [row.reason_note] : [];
  return [...criteria, ...note];
}

function sopSigns(v: CardView): string {
  const situations = v.card.details.sopSituations.map((s) => SOP_SITUATION_CAPTIONS[s as SopSituation] ?? s);
  return [...new Set([...registerReason(v.latest), ...situations, ...(v.card.details.sopSigns ? [v.card.details.sopSigns] : [])])].join('\n');
}

function additionalInfo(v: CardView): string {
  const others = v.adults.filter((m) => m.role === 'OTHER_ADULT').map((m) => `${fullName(m)}, ${printedDate(m.birthDate)} г. р.`);
  return [v.card.details.additionalInfo, others.length ? `Иные члены семьи: ${others.join('; ')}` : null].filter(Boolean).join('\n');
}

function childConditions(h: { childConditions?: string[]; childConditionsOther?: string | null }): string {
  const marked = (h.childConditions ?? []).map((c) => CHILD_LIVING_CONDITION_CAPTIONS[c as ChildLivingCondition] ?? c);
  return [...marked, ...(h.childConditionsOther ? [`Другое: ${h.childConditionsOther}`] : [])].join(', ');
}

function housingValue(h: { kind?: string; area?: number | null; otherDescription?: string | null }): string {
  const area = h.area ? `${String(h.area).replace('.', ',')} кв.м` : MARK;
  return h.kind === HousingKind.OTHER ? [h.otherDescription, h.area ? area : null].filter(Boolean).join(', ') : area;
}

/** Work or study: the card's own entry, else the school or kindergarten the agencies report. */
function occupation(v: CardView, m: Member): string {
  if (m.occupation) return m.occupation;
  const attached = v.card.attachments.filter((a) => a.childId === m.personId && (a.kind === 'SCHOOL' || a.kind === 'KINDERGARTEN'));
  return attached.map((a) => [a.organisation, a.detail].filter(Boolean).join(', ')).join('; ');
}

function recordPeriod(from: unknown, to: unknown): string {
  const since = typeof from === 'string' && from ? `с ${printedDate(from)}` : '';
  const until = typeof to === 'string' && to ? ` по ${printedDate(to)}` : '';
  return `${since}${until}`;
}

/** The rows of section 9 for one body: the register (КДН), the agencies' own registrations, the operator's. */
function registrationsOf(v: CardView, body: CardRegistrationBody): Array<{ when: string; reason: string }> {
  const rows: Array<{ when: string; reason: string }> = [];
  if (body === CardRegistrationBody.KDN) {
    for (const entry of v.register) {
      const who = entry.child_id ? `${v.nameOf(entry.child_id)}: ` : '';
      rows.push({
        when: `${who}${printedDate(String(entry.included_on ?? ''))}, ${datesPrinted(String(entry.basis ?? ''))}${entry.removed_on ? `; снят ${printedDate(String(entry.removed_on))}` : ''}`,
        reason: registerReason(entry).join('; ') || (v.card.details.sopSigns ?? ''),
      });
    }
  }
  for (const r of v.card.registrations) {
    if ((REGISTRATION_BODY_OF_AGENCY[String(r.agency)] ?? CardRegistrationBody.OTHER) !== body) continue;
    const who = r.childId ? `${v.nameOf(r.childId)}: ` : '';
    const kind = (REGISTRATION_KINDS as Record<string, string>)[String(r.kind)] ?? '';
    rows.push({
      when: `${who}${recordPeriod(r.registeredOn, r.removedOn)}${r.protocol ? `, протокол № ${r.protocol}` : ''}`,
      reason: [kind, typeof r.reason === 'string' ? r.reason : null].filter(Boolean).join(': '),
    });
  }
  for (const r of v.card.details.registrations) {
    if (r.body !== body) continue;
    const who = r.personId ? `${v.nameOf(r.personId)}: ` : '';
    rows.push({ when: `${who}${recordPeriod(r.registeredOn, r.removedOn)}${r.protocol ? `, протокол № ${r.protocol}` : ''}`, reason: typeof r.reason === 'string' ? r.reason : '' });
  }
  return rows;
}

/** Myasnikovsky 5.2: «Состоит (состоял) на учете с ... по ... в учреждениях (ПДН ОВД, КДН, др.)». */
function childRegistrations(v: CardView, personId: string): string[] {
  const lines: string[] = [];
  for (const entry of v.register.filter((e) => e.child_id === personId || e.child_id === null || e.child_id === undefined)) {
    lines.push(`${recordPeriod(entry.included_on, entry.removed_on)} — КДН и ЗП (банк данных семей в СОП)`);
  }
  for (const r of v.card.registrations.filter((r) => r.childId === personId)) {
    lines.push(
      `${recordPeriod(r.registeredOn, r.removedOn)} — ${CARD_REGISTRATION_BODY_CAPTIONS[REGISTRATION_BODY_OF_AGENCY[String(r.agency)] ?? CardRegistrationBody.OTHER]}${r.reason ? `: ${r.reason}` : ''}`,
    );
  }
  for (const r of v.card.details.registrations.filter((r) => r.personId === personId)) {
    lines.push(`${recordPeriod(r.registeredOn, r.removedOn)} — ${CARD_REGISTRATION_BODY_CAPTIONS[r.body as CardRegistrationBody] ?? r.body}${r.reason ? `: ${r.reason}` : ''}`);
  }
  return lines;
}

/** Section 10: the agencies' attachments of this kind, then the operator's (with a phone). */
function attachmentsOf(v: CardView, kind: CardAttachmentKind): string[] {
  const lines: string[] = [];
  for (const a of v.card.attachments.filter((a) => a.kind === kind && !a.until)) {
    const who = a.childId ? `${v.nameOf(a.childId)}: ` : '';
    lines.push(`${who}${[a.organisation, a.detail, a.period ? `${a.period} уч. г.` : null].filter(Boolean).join(', ')}`);
  }
  for (const a of v.card.details.attachments.filter((a) => a.kind === kind)) {
    const who = a.personId ? `${v.nameOf(a.personId)}: ` : '';
    lines.push(`${who}${[a.organisation, a.detail, typeof a.phone === 'string' ? `тел. ${phoneText(a.phone)}` : null].filter(Boolean).join(', ')}`);
  }
  return lines;
}

function measures(card: AccountCard): string[] {
  return card.measures.map((m) => {
    const status = MEASURE_STATUS[String(m.status)] ?? '';
    const done = typeof m.doneDate === 'string' ? printedDate(m.doneDate) : '';
    return [m.title, [status, done].filter(Boolean).join(' '), m.result].filter(Boolean).join(' — ');
  });
}
