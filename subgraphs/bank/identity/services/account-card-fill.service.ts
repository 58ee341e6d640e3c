import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../../../auth/principal';
import { FamilyCategory } from '../../../../schema/enums';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';
import { AccountCardService } from '../../sync/account-card.service';
import { HousingKind, IdentityDocumentKind, INCOME_KINDS } from '../types/account-card.enums';
import { CardAttachment, CardMemberInput, CardRegistration, Housing, IdentityDocument, Income, UpdateAccountCardInput } from '../types/account-card.types';
import { ageOn } from './person.view';

const LIST_MAX = 50;
const MONEY_MAX = 100_000_000;

/** A member of the family as validation needs it. */
interface MemberFact {
  personId: string;
  birthDate: string;
}

/** The family_card row as stored (jsonb columns parsed). */
interface FamilyCardRow {
  detected_on: string | null;
  detected_by: string | null;
  sop_signs: string | null;
  sop_situations: string[];
  parent_profiles: string[];
  housing: Housing | null;
  income: Income | null;
  income_per_member: string | number | null;
  support_measures: string | null;
  support_not_arranged: boolean;
  additional_info: string | null;
  registrations: CardRegistration[];
  attachments: CardAttachment[];
}

const EMPTY_CARD: FamilyCardRow = {
  detected_on: null,
  detected_by: null,
  sop_signs: null,
  sop_situations: [],
  parent_profiles: [],
  housing: null,
  income: null,
  income_per_member: null,
  support_measures: null,
  support_not_arranged: false,
  additional_info: null,
  registrations: [],
  attachments: [],
};

/**
 * Fills the family account card (Mari El appendix 3, Myasnikovsky appendix 2) from what the data
 * bank's operator, the KDN secretary or the case's curator types: the whole input is checked before
 * anything is stored, then written in one transaction, and a family in the register publishes its
 * changed card to the regional bank in the same transaction.
 */
export class AccountCardFillService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cards: AccountCardService,
  ) {}

  async update(principal: Principal, familyId: string, input: UpdateAccountCardInput): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      // The family row is locked first, as publishCard does: concurrent fillings of one card queue up.
      const [family] = await em.query(`SELECT id FROM family WHERE id = $1 FOR UPDATE`, [familyId]);
      if (!family) throw inputError('familyId', familyId, 'family.exists', 'семья не зарегистрирована');
      const members: MemberFact[] = await em.query(
        `SELECT m.person_id AS "personId", to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate" FROM family_member m JOIN person p ON p.id = m.person_id WHERE m.family_id = $1`,
        [familyId],
      );
      const byId = new Map(members.map((m) => [m.personId, m]));
      // jsonb renders dates as YYYY-MM-DD and numbers as numbers, whatever the driver's type parsers.
      const [stored] = await em.query(`SELECT to_jsonb(c) AS row FROM family_card c WHERE family_id = $1`, [familyId]);
      const next = mergeFamilyCard((stored?.row as FamilyCardRow | undefined) ?? EMPTY_CARD, input, byId);
      const memberRows = (input.members ?? []).map((m, i) => memberRow(`input.members[${i}]`, m, byId));
      if (new Set(memberRows.map((m) => m.personId)).size !== memberRows.length) {
        throw inputError('input.members', 'duplicate personId', 'card.uniqueMembers', 'член семьи указан дважды');
      }
      const categories = input.categories === undefined ? null : [...new Set(input.categories ?? [])].sort();
      if (categories && categories.some((c) => !Object.values(FamilyCategory).includes(c as FamilyCategory))) {
        throw inputError('input.categories', categories, 'family.category', 'неизвестная категория семьи');
      }

      // Everything is valid: now it is stored.
      await em.query(
        `INSERT INTO family_card (family_id, detected_on, detected_by, sop_signs, sop_situations, parent_profiles, housing, income, income_per_member,
                                  support_measures, support_not_arranged, additional_info, registrations, attachments, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, now())
         ON CONFLICT (family_id) DO UPDATE SET detected_on = $2, detected_by = $3, sop_signs = $4, sop_situations = $5, parent_profiles = $6, housing = $7,
           income = $8, income_per_member = $9, support_measures = $10, support_not_arranged = $11, additional_info = $12, registrations = $13,
           attachments = $14, updated_by = $15, updated_at = now()`,
        [
          familyId,
          next.detected_on,
          next.detected_by,
          next.sop_signs,
          next.sop_situations,
          next.parent_profiles,
          next.housing === null ? null : JSON.stringify(next.housing),
          next.income === null ? null : JSON.stringify(next.income),
          next.income_per_member,
          next.support_measures,
          next.support_not_arranged,
          next.additional_info,
          JSON.stringify(next.registrations),
          JSON.stringify(next.attachments),
          principal.subject,
        ],
      );
      if (categories) await em.query(`UPDATE family SET categories = $2 WHERE id = $1`, [familyId, categories]);
      for (const row of memberRows) await upsertPersonCard(em, principal, row);
      const inRegister = await em.query(`SELECT 1 FROM register_entry WHERE family_id = $1 AND removed_on IS NULL LIMIT 1`, [familyId]);
      if (inRegister.length) await this.cards.publishCard(em, familyId, 'AccountCardChanged');
    });
  }
}

function mergeFamilyCard(stored: FamilyCardRow, input: UpdateAccountCardInput, members: Map<string, MemberFact>): FamilyCardRow {
  const next: FamilyCardRow = { ...EMPTY_CARD, ...stored };
  if (input.detectedOn !== undefined) next.detected_on = input.detectedOn === null ? null : v.date('input.detectedOn', input.detectedOn, { notInFuture: true });
  if (input.detectedBy !== undefined) next.detected_by = v.optionalText('input.detectedBy', input.detectedBy, 300);
  if (input.sopSigns !== undefined) next.sop_signs = v.optionalText('input.sopSigns', input.sopSigns, 2000);
  if (input.sopSituations !== undefined) next.sop_situations = [...new Set(input.sopSituations ?? [])].sort();
  if (input.parentProfiles !== undefined) next.parent_profiles = [...new Set(input.parentProfiles ?? [])].sort();
  if (input.housing !== undefined) next.housing = input.housing === null ? null : housing('input.housing', input.housing);
  if (input.income !== undefined) next.income = input.income === null ? null : income('input.income', input.income);
  if (input.incomePerMember !== undefined) next.income_per_member = input.incomePerMember === null ? null : money('input.incomePerMember', input.incomePerMember).toFixed(2);
  if (input.supportMeasures !== undefined) next.support_measures = v.optionalText('input.supportMeasures', input.supportMeasures, 1000);
  if (input.supportNotArranged !== undefined) next.support_not_arranged = input.supportNotArranged === true;
  if (next.support_not_arranged && next.support_measures) {
    throw inputError('input.supportNotArranged', true, 'card.supportMeasures', 'меры социальной поддержки названы, значит они оформлены: отметка «не оформлены» противоречит им');
  }
  if (input.additionalInfo !== undefined) next.additional_info = v.optionalText('input.additionalInfo', input.additionalInfo, 2000);
  if (input.registrations !== undefined) next.registrations = list('input.registrations', input.registrations ?? []).map((r, i) => registration(`input.registrations[${i}]`, r, members));
  if (input.attachments !== undefined) next.attachments = list('input.attachments', input.attachments ?? []).map((a, i) => attachment(`input.attachments[${i}]`, a, members));
  return next;
}

function list<T>(field: string, rows: T[]): T[] {
  if (rows.length > LIST_MAX) throw inputError(field, rows.length, 'card.listSize', `не более ${LIST_MAX} строк`);
  return rows;
}

/** Roubles and kopecks, never negative. */
function money(field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > MONEY_MAX) throw inputError(field, value, 'money.range', `сумма в рублях от 0 до ${MONEY_MAX}`);
  if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) throw inputError(field, value, 'money.kopecks', 'не более двух знаков после запятой (копейки)');
  return Math.round(value * 100) / 100;
}

function housing(field: string, h: Housing): Housing {
  const homeless = h.kind === HousingKind.NO_PERMANENT_HOME;
  if (homeless && h.area !== null && h.area !== undefined) throw inputError(`${field}.area`, h.area, 'housing.area', 'у семьи без постоянного жилья площади нет');
  if (h.area !== null && h.area !== undefined && (!Number.isFinite(h.area) || h.area <= 0 || h.area > 10_000)) {
    throw inputError(`${field}.area`, h.area, 'housing.area', 'площадь в кв.м: больше 0 и не более 10000');
  }
  const otherDescription = v.optionalText(`${field}.otherDescription`, h.otherDescription, 300);
  if (h.kind === HousingKind.OTHER && !otherDescription) throw inputError(`${field}.otherDescription`, h.otherDescription ?? null, 'housing.otherDescription', 'для жилья «Другое» опишите, какое оно');
  return {
    kind: h.kind,
    area: h.area ?? null,
    otherDescription,
    comfort: h.comfort ?? null,
    dilapidated: h.dilapidated ?? null,
    sanitary: h.sanitary ?? null,
    childConditions: [...new Set(h.childConditions ?? [])].sort(),
    childConditionsOther: v.optionalText(`${field}.childConditionsOther`, h.childConditionsOther, 500),
  };
}

function income(field: string, value: Income): Income {
  const out: Income = {};
  for (const kind of INCOME_KINDS) {
    const amount = value[kind];
    out[kind] = amount === null || amount === undefined ? null : money(`${field}.${kind}`, amount);
  }
  return out;
}

function member(field: string, personId: string | null | undefined, members: Map<string, MemberFact>): MemberFact | null {
  if (personId === null || personId === undefined) return null;
  const id = v.uuid(field, personId);
  const found = members.get(id);
  if (!found) throw inputError(field, personId, 'card.member', 'человек не входит в состав этой семьи');
  return found;
}

function registration(field: string, r: CardRegistration, members: Map<string, MemberFact>): CardRegistration {
  const person = member(`${field}.personId`, r.personId, members);
  const registeredOn = v.date(`${field}.registeredOn`, r.registeredOn, { notInFuture: true, notBefore: person?.birthDate ?? '1900-01-01' });
  const removedOn = r.removedOn === null || r.removedOn === undefined ? null : v.date(`${field}.removedOn`, r.removedOn, { notInFuture: true, notBefore: registeredOn });
  return {
    body: r.body,
    personId: person?.personId ?? null,
    registeredOn,
    protocol: v.optionalText(`${field}.protocol`, r.protocol, 100),
    reason: v.optionalText(`${field}.reason`, r.reason, 500),
    removedOn,
  };
}

function attachment(field: string, a: CardAttachment, members: Map<string, MemberFact>): CardAttachment {
  const person = member(`${field}.personId`, a.personId, members);
  return {
    kind: a.kind,
    personId: person?.personId ?? null,
    organisation: v.text(`${field}.organisation`, a.organisation, 300),
    detail: v.optionalText(`${field}.detail`, a.detail, 200),
    phone: a.phone === null || a.phone === undefined ? null : phone(`${field}.phone`, a.phone),
  };
}

/** Russian numbers as written by hand (8 ..., +7 (...) ...-..-..), stored as +7XXXXXXXXXX. */
function phone(field: string, raw: string): string {
  const compact = raw.replace(/[\s()\-–]/g, '');
  const match = /^(?:\+7|8)(\d{10})$/.exec(compact);
  if (!match) throw inputError(field, raw, 'phone.format', 'телефон: +7 или 8 и 10 цифр, например +7 914 123-45-67');
  return `+7${match[1]}`;
}

interface PersonCardRow {
  personId: string;
  birthPlace?: string | null;
  document?: IdentityDocument | null;
  occupation?: string | null;
  phones?: string[];
}

function memberRow(field: string, m: CardMemberInput, members: Map<string, MemberFact>): PersonCardRow {
  const person = member(`${field}.personId`, m.personId, members)!;
  const row: PersonCardRow = { personId: person.personId };
  if (m.birthPlace !== undefined) row.birthPlace = v.optionalText(`${field}.birthPlace`, m.birthPlace, 300);
  if (m.occupation !== undefined) row.occupation = v.optionalText(`${field}.occupation`, m.occupation, 300);
  if (m.phones !== undefined) {
    const phones = m.phones ?? [];
    if (phones.length > 5) throw inputError(`${field}.phones`, phones.length, 'card.listSize', 'не более 5 телефонов');
    row.phones = [...new Set(phones.map((p, i) => phone(`${field}.phones[${i}]`, p)))];
  }
  if (m.document !== undefined) row.document = m.document === null ? null : identityDocument(`${field}.document`, m.document, person.birthDate);
  return row;
}

const ROMAN = /^[IVXLC]{1,6}$/;

/**
 * A Russian passport: series of 4 digits, number of 6, issued at 14 or later. A birth certificate:
 * series of Roman numerals, a hyphen and two Cyrillic capitals (II-АБ), number of 6, issued on or
 * after the birth. Latin look-alikes in the letters and Cyrillic ones in the numerals are the
 * usual typing slips: they are refused with the rule, not silently changed.
 */
function identityDocument(field: string, d: IdentityDocument, birthDate: string): IdentityDocument {
  const number = d.number.replace(/\s/g, '');
  if (!/^\d{6}$/.test(number)) throw inputError(`${field}.number`, d.number, 'document.number', 'номер документа: 6 цифр');
  const rawSeries = d.series === null || d.series === undefined ? null : d.series.replace(/\s/g, '');
  let series: string | null = null;
  if (d.kind === IdentityDocumentKind.PASSPORT) {
    if (!rawSeries || !/^\d{4}$/.test(rawSeries)) throw inputError(`${field}.series`, d.series ?? null, 'document.passportSeries', 'серия паспорта: 4 цифры, например 45 12');
    series = rawSeries;
  } else {
    const [numerals, letters] = (rawSeries ?? '').split('-');
    if (!rawSeries || !ROMAN.test(numerals ?? '') || !/^[А-ЯЁ]{2}$/.test(letters ?? '')) {
      throw inputError(
        `${field}.series`,
        d.series ?? null,
        'document.certificateSeries',
        'серия свидетельства о рождении: римские цифры латиницей, дефис и две русские заглавные буквы, например II-АБ',
      );
    }
    series = rawSeries;
  }
  const issuedOn = d.issuedOn === null || d.issuedOn === undefined ? null : v.date(`${field}.issuedOn`, d.issuedOn, { notInFuture: true, notBefore: birthDate });
  if (issuedOn && d.kind === IdentityDocumentKind.PASSPORT && ageOn(birthDate, new Date(`${issuedOn}T00:00:00Z`)) < 14) {
    throw inputError(`${field}.issuedOn`, issuedOn, 'document.passportAge', 'паспорт выдаётся с 14 лет: для младшего укажите свидетельство о рождении');
  }
  return { kind: d.kind, series, number, issuedOn, issuedBy: v.optionalText(`${field}.issuedBy`, d.issuedBy, 300) };
}

async function upsertPersonCard(em: EntityManager, principal: Principal, row: PersonCardRow): Promise<void> {
  const [stored] = await em.query(`SELECT to_jsonb(c) AS row FROM person_card c WHERE person_id = $1`, [row.personId]);
  const current = stored?.row ?? {
    birth_place: null,
    document_kind: null,
    document_series: null,
    document_number: null,
    document_issued_on: null,
    document_issued_by: null,
    occupation: null,
    phones: [],
  };
  const doc = row.document === undefined ? undefined : row.document;
  await em.query(
    `INSERT INTO person_card (person_id, birth_place, document_kind, document_series, document_number, document_issued_on, document_issued_by, occupation, phones, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
     ON CONFLICT (person_id) DO UPDATE SET birth_place = $2, document_kind = $3, document_series = $4, document_number = $5, document_issued_on = $6,
       document_issued_by = $7, occupation = $8, phones = $9, updated_by = $10, updated_at = now()`,
    [
      row.personId,
      row.birthPlace === undefined ? current.birth_place : row.birthPlace,
      doc === undefined ? current.document_kind : (doc?.kind ?? null),
      doc === undefined ? current.document_series : (doc?.series ?? null),
      doc === undefined ? current.document_number : (doc?.number ?? null),
      doc === undefined ? current.document_issued_on : (doc?.issuedOn ?? null),
      doc === undefined ? current.document_issued_by : (doc?.issuedBy ?? null),
      row.occupation === undefined ? current.occupation : row.occupation,
      row.phones === undefined ? current.phones : row.phones,
      principal.subject,
    ],
  );
}
