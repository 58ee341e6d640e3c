/**
 * Synthetic demo data for the hub: families, their members, signals and measures of the five
 * agencies, school status rows and data-bank entries. Pure functions over a seeded generator:
 * no database, no clock, no Math.random. The same seed and size give the same rows, byte for
 * byte; each family draws from its own random stream, so the rows do not depend on how the
 * caller cuts the run into chunks.
 *
 * Nobody here is real: names, dates, SNILS and addresses are combined at random.
 */
import type { FamilyCategory, FamilyRole, MeasureKind, SourceKind, Urgency } from '../../schema/enums';
import { Indicator, IndicatorCatalogue, loadIndicatorCatalogue, RiskLevel } from '../../schema/catalogue/indicator.catalogue';
import { nameKey } from '../../subgraphs/bank/identity/services/person.view';
import { snilsChecksum } from '../../subgraphs/common/validation';
import {
  ADULT_FEMALE_NAMES,
  ADULT_MALE_NAMES,
  CHILD_FEMALE_NAMES,
  CHILD_MALE_NAMES,
  formatAddress,
  Municipality,
  MUNICIPALITIES,
  patronymic,
  SENIOR_FEMALE_NAMES,
  SENIOR_MALE_NAMES,
  Sex,
  STAFF_POSITIONS,
  surnameFor,
} from './names';
import { addYears, dayNumber, fullYears, hash32, isoDate, Random, russianDate, WeightedTable } from './random';

/* ----------------------------------------------------------------------------- constants */

export const SEED_AGENCIES = ['education', 'health', 'police', 'social', 'guardianship'] as const;
export type SeedAgency = (typeof SEED_AGENCIES)[number];

export const DEFAULT_SEED = 1;
/** "Today" of the demo: children are 0-17 on this day. */
export const REFERENCE_DATE = '2026-11-22';
export const OBSERVED_FROM = '2025-01-01';
export const OBSERVED_TO = '2026-11-20';
export const CURRENT_ACADEMIC_YEAR = '2026/2027';
export const PREVIOUS_ACADEMIC_YEAR = '2025/2026';
/** created_by / updated_by of every seeded row. */
export const SEED_CREATED_BY = 'seed';
export const SEED_REQUEST_HASH = 'seed';

/** Youngest possible birth date of a 17-year-old on the reference date, and a newborn cap (two weeks old). */
export const CHILD_BIRTH_FROM = isoDate(dayNumber(addYears(REFERENCE_DATE, -18)) + 1);
export const CHILD_BIRTH_TO = isoDate(dayNumber(REFERENCE_DATE) - 14);
/** Latest creation moment of a seeded row: the evening before the reference day. */
const CREATED_CAP_MS = Date.parse('2026-11-21T20:00:00Z');

const STREAM_FAMILY = 1;
const STREAM_STAFF = 2;
const STREAM_SNILS = 3;

/* ----------------------------------------------------------------------------- row types */

type SourceKindValue = `${SourceKind}`;
type UrgencyValue = `${Urgency}`;
type MeasureKindValue = `${MeasureKind}`;
type FamilyCategoryValue = `${FamilyCategory}`;
type FamilyRoleValue = `${FamilyRole}`;
type Level = 'L1' | 'L2' | 'L3';

/** bank.person (created_at/updated_at: database defaults). */
export interface PersonRow {
  id: string;
  /** 11 digits, no separators, or null (about 10% of people). */
  snils: string | null;
  lastName: string;
  firstName: string;
  middleName: string | null;
  nameKey: string;
  birthDate: string;
  sex: Sex;
  registeredAddress: string | null;
  actualAddress: string | null;
  municipality: string;
  createdBy: string;
}

/** bank.family. */
export interface FamilyRow {
  id: string;
  municipality: string;
  categories: FamilyCategoryValue[];
  registeredAddress: string | null;
  actualAddress: string | null;
  createdBy: string;
}

/** bank.family_member. */
export interface FamilyMemberRow {
  familyId: string;
  personId: string;
  role: FamilyRoleValue;
}

/** bank.register_entry: the child's family is in the data bank of families in a socially dangerous situation. */
export interface RegisterEntryRow {
  id: string;
  /** The family's OKTMO: the historical KDN case behind the entry belongs to its commission. */
  municipality: string;
  familyId: string;
  childId: string;
  includedOn: string;
  basis: string;
  removedOn: string | null;
  removalReason: string | null;
}

/** <agency>.signal. */
export interface SignalRow {
  agency: SeedAgency;
  id: string;
  childId: string;
  familyId: string | null;
  /** ISO 8601 with the municipality's offset, e.g. 2026-03-02T09:41:00+10:00. */
  observedAt: string;
  reporterName: string;
  reporterPosition: string | null;
  reporterOrganisation: string;
  sourceKind: SourceKindValue;
  indicatorCodes: string[];
  urgency: UrgencyValue;
  status: 'REPORTED';
  description: string;
  clientId: string;
  createdBy: string;
  idempotencyKey: string;
  requestHash: string;
  /** ISO 8601 UTC; also written to updated_at. */
  createdAt: string;
}

/** <agency>.measure. */
export interface MeasureRow {
  agency: SeedAgency;
  id: string;
  childId: string;
  familyId: string | null;
  title: string;
  kind: MeasureKindValue;
  dueDate: string;
  doneDate: string | null;
  executorName: string;
  executorOrganisation: string;
  result: string | null;
  status: 'PLANNED' | 'DONE';
  clientId: string;
  createdBy: string;
  idempotencyKey: string;
  requestHash: string;
  createdAt: string;
}

/** education.school_status. */
export interface SchoolStatusRow {
  id: string;
  childId: string;
  academicYear: string;
  schoolName: string;
  className: string;
  unexcusedAbsences: number;
  failingGrades: number;
  internalRegister: boolean;
  internalRegisterSince: string | null;
  internalRegisterReason: string | null;
  updatedBy: string;
}

export interface SeedBatch {
  families: FamilyRow[];
  persons: PersonRow[];
  members: FamilyMemberRow[];
  registerEntries: RegisterEntryRow[];
  signals: SignalRow[];
  measures: MeasureRow[];
  schoolStatuses: SchoolStatusRow[];
  /** Number of CHILD members in this batch. */
  children: number;
}

export function emptyBatch(): SeedBatch {
  return { families: [], persons: [], members: [], registerEntries: [], signals: [], measures: [], schoolStatuses: [], children: 0 };
}

/* ----------------------------------------------------------------------------- SNILS */

const SNILS_SPACE = 900_000_000;

/**
 * Unique valid SNILS numbers: a keyed pseudo-random permutation (4-round Feistel network over
 * 30 bits with cycle walking) of a serial counter onto 100-000-000 .. 999-999-999, so numbers look
 * random yet never repeat within a run, without remembering the ones handed out. Numbers with a
 * digit three times in a row are skipped (the Pension Fund does not issue them); the last two
 * digits are the checksum.
 */
export class SnilsAllocator {
  private serial = 0;
  private readonly keys: number[];

  constructor(seed: number) {
    const rng = Random.stream(seed, STREAM_SNILS, 0);
    this.keys = [rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()];
  }

  next(): string {
    for (;;) {
      if (this.serial >= SNILS_SPACE) throw new Error('SNILS space exhausted');
      const nine = String(100_000_000 + this.permute(this.serial++));
      if (/(\d)\1\1/.test(nine)) continue;
      return nine + snilsChecksum(nine);
    }
  }

  private permute(x: number): number {
    do x = this.feistel(x);
    while (x >= SNILS_SPACE);
    return x;
  }

  private feistel(x: number): number {
    let left = x >>> 15;
    let right = x & 0x7fff;
    for (const key of this.keys) {
      const next = left ^ (hash32(right ^ key) & 0x7fff);
      left = right;
      right = next;
    }
    return left * 0x8000 + right;
  }
}

/* ----------------------------------------------------------------------------- tables */

const table = <T>(entries: ReadonlyArray<readonly [T, number]>) => new WeightedTable(entries);

type FamilyKind = 'TWO_PARENTS' | 'SINGLE_MOTHER' | 'SINGLE_FATHER' | 'MOTHER_AND_PARTNER' | 'GUARDIAN';
const FAMILY_KINDS = table<FamilyKind>([
  ['TWO_PARENTS', 0.57],
  ['SINGLE_MOTHER', 0.24],
  ['SINGLE_FATHER', 0.03],
  ['MOTHER_AND_PARTNER', 0.06],
  ['GUARDIAN', 0.1],
]);
const CHILD_COUNT = table<number>([
  [1, 0.38],
  [2, 0.34],
  [3, 0.16],
  [4, 0.08],
  [5, 0.04],
]);
const GUARDIAN_CHILD_COUNT = table<number>([
  [1, 0.6],
  [2, 0.3],
  [3, 0.1],
]);
type Trouble = 'NONE' | Level;
const FAMILY_TROUBLE = table<Trouble>([
  ['NONE', 0.3],
  ['L1', 0.45],
  ['L2', 0.18],
  ['L3', 0.07],
]);
const SIGNAL_LEVEL: Record<Level, WeightedTable<Level>> = {
  L1: table<Level>([['L1', 1]]),
  L2: table<Level>([
    ['L1', 0.4],
    ['L2', 0.6],
  ]),
  L3: table<Level>([
    ['L1', 0.25],
    ['L2', 0.35],
    ['L3', 0.4],
  ]),
};
const SIGNALS_PER_CHILD = table<number>([
  [1, 0.55],
  [2, 0.25],
  [3, 0.12],
  [4, 0.05],
  [5, 0.03],
]);
const MUNICIPALITY_TABLE = table(MUNICIPALITIES.map((m) => [m, m.weight] as const));

const RISK_LEVEL_OF: Record<Level, RiskLevel> = { L1: 'POTENTIAL_RISK', L2: 'DIFFICULT_SITUATION', L3: 'SOCIALLY_DANGEROUS' };

/** Criteria an agency is most likely to notice; the rest of the catalogue stays possible. */
const AGENCY_CRITERIA: Record<SeedAgency, readonly string[]> = {
  education: ['EDUCATION', 'INTELLECTUAL', 'SOCIAL_BEHAVIOUR', 'EMOTIONAL', 'OUT_OF_SCHOOL'],
  health: ['HEALTH', 'MEDICAL_SOCIAL', 'ABUSE', 'LIFE_THREAT', 'EMOTIONAL'],
  police: ['SOCIAL_BEHAVIOUR', 'OUT_OF_SCHOOL', 'FAMILY_INTERACTION', 'ABUSE', 'LIFE_THREAT', 'MEDICAL_SOCIAL'],
  social: ['MATERIAL', 'HOUSING', 'FAMILY_STRUCTURE', 'FAMILY_INTERACTION', 'MEDICAL_SOCIAL'],
  guardianship: ['HOUSING', 'FAMILY_STRUCTURE', 'ABUSE', 'LIFE_THREAT', 'FAMILY_INTERACTION'],
};

const SOURCE_KINDS: Record<SeedAgency, WeightedTable<SourceKindValue>> = {
  education: table<SourceKindValue>([
    ['EDUCATION', 0.9],
    ['CHILD', 0.05],
    ['PARENT', 0.05],
  ]),
  health: table<SourceKindValue>([
    ['HEALTH', 0.92],
    ['RELATIVES', 0.04],
    ['PARENT', 0.04],
  ]),
  police: table<SourceKindValue>([
    ['POLICE', 0.6],
    ['NEIGHBOURS', 0.15],
    ['RELATIVES', 0.1],
    ['ANONYMOUS', 0.08],
    ['CHILD', 0.03],
    ['HOTLINE', 0.02],
    ['MEDIA', 0.02],
  ]),
  social: table<SourceKindValue>([
    ['SOCIAL', 0.7],
    ['RELATIVES', 0.08],
    ['NEIGHBOURS', 0.05],
    ['HOTLINE', 0.07],
    ['PARENT', 0.05],
    ['YOUTH', 0.03],
    ['SPORT', 0.02],
  ]),
  guardianship: table<SourceKindValue>([
    ['GUARDIANSHIP', 0.6],
    ['NEIGHBOURS', 0.1],
    ['RELATIVES', 0.1],
    ['ANONYMOUS', 0.08],
    ['OTHER_ORGANISATION', 0.07],
    ['MEDIA', 0.05],
  ]),
};

const SOURCE_LEAD: Record<SourceKindValue, string> = {
  EDUCATION: 'Педагог сообщает: ',
  POLICE: 'При выезде по сообщению установлено: ',
  HEALTH: 'По данным медицинской организации: ',
  SOCIAL: 'По результатам посещения семьи специалистом: ',
  GUARDIANSHIP: 'По результатам обследования условий жизни ребёнка: ',
  YOUTH: 'Сообщение учреждения молодёжной политики: ',
  SPORT: 'Сообщение тренера спортивной школы: ',
  OTHER_ORGANISATION: 'Сообщение организации: ',
  RELATIVES: 'Со слов родственников: ',
  NEIGHBOURS: 'Со слов соседей: ',
  ANONYMOUS: 'Анонимное сообщение: ',
  CHILD: 'Со слов ребёнка: ',
  PARENT: 'Со слов родителя: ',
  HOTLINE: 'Обращение на телефон доверия: ',
  MEDIA: 'Публикация в социальной сети: ',
  RAIDS: 'В ходе профилактического рейда установлено: ',
};

const URGENCY: Record<Level | 'LIFE_THREAT', WeightedTable<UrgencyValue>> = {
  L1: table<UrgencyValue>([
    ['ROUTINE', 0.96],
    ['URGENT', 0.04],
  ]),
  L2: table<UrgencyValue>([
    ['ROUTINE', 0.78],
    ['URGENT', 0.19],
    ['EMERGENCY', 0.03],
  ]),
  L3: table<UrgencyValue>([
    ['ROUTINE', 0.45],
    ['URGENT', 0.35],
    ['EMERGENCY', 0.2],
  ]),
  LIFE_THREAT: table<UrgencyValue>([
    ['EMERGENCY', 0.6],
    ['URGENT', 0.3],
    ['ROUTINE', 0.1],
  ]),
};

/** Which agency notices a child of this age (at the observation) first. */
function agencyTable(age: number, guardianFamily: boolean): WeightedTable<SeedAgency> {
  const key = (age < 2 ? 0 : age < 7 ? 1 : age < 14 ? 2 : 3) + (guardianFamily ? 4 : 0);
  return AGENCY_BY_AGE[key];
}
const AGENCY_BY_AGE: WeightedTable<SeedAgency>[] = [false, true].flatMap((guardian) =>
  [
    { education: 0, health: 0.45, police: 0.15, social: 0.25, guardianship: 0.15 },
    { education: 0.25, health: 0.25, police: 0.15, social: 0.2, guardianship: 0.15 },
    { education: 0.35, health: 0.15, police: 0.18, social: 0.2, guardianship: 0.12 },
    { education: 0.32, health: 0.1, police: 0.28, social: 0.18, guardianship: 0.12 },
  ].map((w) => table<SeedAgency>(SEED_AGENCIES.map((a) => [a, a === 'guardianship' && guardian ? w[a] * 2.5 : w[a]] as const))),
);

const MEASURE_AGENCY = table<SeedAgency>([
  ['social', 0.35],
  ['education', 0.2],
  ['health', 0.15],
  ['police', 0.15],
  ['guardianship', 0.15],
]);

const MEASURE_KINDS: Record<SeedAgency, WeightedTable<MeasureKindValue>> = {
  education: table<MeasureKindValue>([
    ['EDUCATIONAL', 0.3],
    ['PREVENTIVE_TALK', 0.25],
    ['CONSULTATION', 0.25],
    ['LEISURE', 0.2],
  ]),
  health: table<MeasureKindValue>([
    ['MEDICAL', 0.5],
    ['PATRONAGE', 0.3],
    ['CONSULTATION', 0.2],
  ]),
  police: table<MeasureKindValue>([
    ['PREVENTIVE_TALK', 0.6],
    ['LEGAL', 0.2],
    ['SURVEY', 0.2],
  ]),
  social: table<MeasureKindValue>([
    ['SURVEY', 0.2],
    ['SOCIAL_SUPPORT', 0.2],
    ['MATERIAL_AID', 0.15],
    ['PATRONAGE', 0.2],
    ['CONSULTATION', 0.15],
    ['LEISURE', 0.1],
  ]),
  guardianship: table<MeasureKindValue>([
    ['SURVEY', 0.45],
    ['LEGAL', 0.25],
    ['PATRONAGE', 0.15],
    ['CONSULTATION', 0.1],
    ['OTHER', 0.05],
  ]),
};

const PRESCHOOL_MEASURE_KINDS = table<MeasureKindValue>([
  ['CONSULTATION', 0.5],
  ['PREVENTIVE_TALK', 0.3],
  ['LEISURE', 0.2],
]);

const MEASURE_TITLES: Record<MeasureKindValue, readonly string[]> = {
  SURVEY: ['Обследование жилищно-бытовых условий семьи', 'Повторное обследование условий жизни ребёнка', 'Посещение семьи по месту жительства'],
  PATRONAGE: ['Социальный патронаж семьи', 'Патронаж семьи с ребёнком раннего возраста', 'Контрольный патронаж семьи'],
  CONSULTATION: ['Консультация педагога-психолога', 'Консультирование родителей по вопросам воспитания', 'Семейная консультация психолога'],
  MEDICAL: ['Медицинский осмотр ребёнка', 'Диспансеризация ребёнка', 'Направление на консультацию узких специалистов', 'Вакцинация по национальному календарю'],
  EDUCATIONAL: ['Разработка индивидуального образовательного маршрута', 'Дополнительные занятия по предметам с неудовлетворительными оценками', 'Контроль посещаемости занятий'],
  SOCIAL_SUPPORT: ['Содействие в оформлении мер социальной поддержки', 'Содействие в оформлении единого пособия', 'Содействие в трудоустройстве родителя'],
  MATERIAL_AID: ['Оказание единовременной материальной помощи', 'Обеспечение продуктовым набором', 'Обеспечение одеждой и обувью по сезону', 'Обеспечение школьными принадлежностями'],
  LEISURE: ['Вовлечение ребёнка в кружки и спортивные секции', 'Организация летнего отдыха и оздоровления', 'Вовлечение во внеурочную деятельность'],
  PREVENTIVE_TALK: ['Индивидуальная профилактическая беседа', 'Профилактическая беседа с родителями об ответственности за воспитание детей', 'Беседа о правилах безопасного поведения'],
  LEGAL: ['Разъяснение родителям прав и обязанностей', 'Консультация юриста по вопросам алиментов', 'Подготовка материалов в суд'],
  OTHER: ['Межведомственный консилиум по случаю', 'Сбор сведений о семье'],
};

const MEASURE_RESULTS: Record<MeasureKindValue, readonly string[]> = {
  SURVEY: ['Акт обследования составлен, условия удовлетворительные', 'Акт обследования составлен, даны рекомендации по устранению нарушений санитарных норм'],
  PATRONAGE: ['Патронаж проведён, семья идёт на контакт', 'Патронаж проведён, рекомендации родителям даны'],
  CONSULTATION: ['Консультация проведена, даны рекомендации', 'Консультация проведена, назначена повторная встреча'],
  MEDICAL: ['Ребёнок осмотрен, направлен к узким специалистам', 'Осмотр проведён, патологии не выявлено'],
  EDUCATIONAL: ['Маршрут разработан и согласован с родителями', 'Посещаемость улучшилась'],
  SOCIAL_SUPPORT: ['Пособие назначено', 'Документы поданы, мера поддержки оформлена'],
  MATERIAL_AID: ['Помощь оказана', 'Набор выдан семье'],
  LEISURE: ['Ребёнок зачислен в секцию', 'Ребёнок посещает кружок'],
  PREVENTIVE_TALK: ['Беседа проведена, родители предупреждены об ответственности', 'Беседа проведена'],
  LEGAL: ['Разъяснения даны', 'Материалы переданы в суд'],
  OTHER: ['Выполнено'],
};

const INTERNAL_REGISTER_REASONS = [
  'Систематические пропуски учебных занятий без уважительной причины',
  'Неоднократное нарушение Устава школы',
  'Постановка на учёт в ПДН',
  'Совершение правонарушения',
  'Неуспеваемость по нескольким предметам',
];

const REMOVAL_REASONS = ['Устранение причин и условий социально опасного положения', 'Переезд семьи в другой муниципалитет', 'Исполнение индивидуальной программы реабилитации'];

const CLASS_LETTERS = table<string>([
  ['А', 0.3],
  ['Б', 0.3],
  ['В', 0.22],
  ['Г', 0.13],
  ['Д', 0.05],
]);

/* ----------------------------------------------------------------------------- context */

interface StaffMember {
  name: string;
  position: string;
  organisation: string;
}

interface IndicatorPools {
  preferred: readonly Indicator[];
  any: readonly Indicator[];
}

/** Everything generated once per run (catalogue lookups, staff) plus the run-wide counters. */
class RunContext {
  readonly snils: SnilsAllocator;
  readonly pools: Record<SeedAgency, Record<Level, IndicatorPools>>;
  /** Staff per municipality and agency, each tied to an organisation (schools and kindergartens for education). */
  readonly staff: Map<Municipality, Record<SeedAgency, StaffMember[]>>;
  /** Indicator wording for descriptions, by code. */
  readonly wording: Map<string, string>;
  signalSerial = 0;
  measureSerial = 0;

  constructor(
    readonly seed: number,
    catalogue: IndicatorCatalogue,
  ) {
    this.snils = new SnilsAllocator(seed);
    this.pools = {} as Record<SeedAgency, Record<Level, IndicatorPools>>;
    for (const agency of SEED_AGENCIES) {
      const byLevel = {} as Record<Level, IndicatorPools>;
      for (const level of ['L1', 'L2', 'L3'] as const) {
        const any = catalogue.byLevel(RISK_LEVEL_OF[level]);
        if (any.length === 0) throw new Error(`indicator catalogue has no indicator of level ${level}`);
        const preferred = any.filter((i) => AGENCY_CRITERIA[agency].includes(i.criterion));
        byLevel[level] = { preferred: preferred.length ? preferred : any, any };
      }
      this.pools[agency] = byLevel;
    }
    this.wording = new Map(catalogue.all.map((i) => [i.code, lowerFirst(i.title.replace(/[\s.;,]+$/, ''))]));
    this.staff = new Map();
    const rng = Random.stream(seed, STREAM_STAFF, 0);
    for (const m of MUNICIPALITIES) {
      const byAgency = {} as Record<SeedAgency, StaffMember[]>;
      this.staff.set(m, byAgency);
      for (const agency of SEED_AGENCIES) {
        // Education: three people per school and kindergarten, who report from there; other agencies: a pool per organisation.
        const places: Array<{ organisation: string; positions: readonly string[] }> =
          agency === 'education'
            ? [
                ...m.schools.map((organisation) => ({ organisation, positions: STAFF_POSITIONS.school })),
                ...m.kindergartens.map((organisation) => ({ organisation, positions: STAFF_POSITIONS.kindergarten })),
              ]
            : (agency === 'health' ? m.clinics : agency === 'police' ? m.police : agency === 'social' ? m.social : m.guardianship).map((organisation) => ({
                organisation,
                positions: STAFF_POSITIONS[agency],
              }));
        const perPlace = agency === 'education' ? EDUCATION_STAFF_PER_PLACE : Math.max(8, Math.ceil(24 / places.length));
        const members: StaffMember[] = [];
        for (const place of places) {
          for (let i = 0; i < perPlace; i++) {
            const sex: Sex = rng.chance(agency === 'police' ? 0.45 : 0.85) ? 'FEMALE' : 'MALE';
            const first = rng.pick(sex === 'MALE' ? ADULT_MALE_NAMES : ADULT_FEMALE_NAMES);
            const name = `${surnameFor(rng.pick(m.surnames), sex)} ${first} ${patronymic(rng.pick(SENIOR_MALE_NAMES), sex)}`;
            members.push({ name, position: rng.pick(place.positions), organisation: place.organisation });
          }
        }
        byAgency[agency] = members;
      }
    }
  }

  /** Someone of the agency; for education, someone of the child's school (7+) or kindergarten. */
  staffFor(rng: Random, m: Municipality, agency: SeedAgency, child: ChildInfo, age: number): StaffMember {
    const pool = this.staff.get(m)![agency];
    if (agency !== 'education') return rng.pick(pool);
    const place = age >= 7 ? child.school : m.schools.length + child.kindergarten;
    return pool[place * EDUCATION_STAFF_PER_PLACE + rng.int(0, EDUCATION_STAFF_PER_PLACE - 1)];
  }
}

const EDUCATION_STAFF_PER_PLACE = 3;

/* ----------------------------------------------------------------------------- one family */

interface ChildInfo {
  person: PersonRow;
  /** Index into the municipality's schools, kindergartens. */
  school: number;
  kindergarten: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

function firstName(rng: Random, m: Municipality, sex: Sex, generation: 'child' | 'adult' | 'senior'): string {
  if (generation !== 'senior' && m.localNames.share > 0 && rng.chance(m.localNames.share)) {
    const local = generation === 'child' ? (sex === 'MALE' ? m.localNames.childMale : m.localNames.childFemale) : sex === 'MALE' ? m.localNames.adultMale : m.localNames.adultFemale;
    return rng.pick(local);
  }
  if (generation === 'child') return rng.pick(sex === 'MALE' ? CHILD_MALE_NAMES : CHILD_FEMALE_NAMES);
  if (generation === 'senior') return rng.pick(sex === 'MALE' ? SENIOR_MALE_NAMES : SENIOR_FEMALE_NAMES);
  return rng.pick(sex === 'MALE' ? ADULT_MALE_NAMES : ADULT_FEMALE_NAMES);
}

function address(rng: Random, m: Municipality): string {
  const n = rng.chance(0.7) ? rng.int(1, 60) : rng.int(61, 180);
  const roll = rng.next();
  const house = roll < 0.05 ? `${n}${rng.pick(['а', 'б'])}` : roll < 0.09 ? `${n}, корп. ${rng.int(1, 4)}` : String(n);
  const flat = rng.chance(0.08) ? null : rng.int(1, 240);
  return formatAddress(m, { street: rng.pick(m.streets), house, flat });
}

/** Parent's age in full years at `birth` stays within [20, 54]: see the bounds below. */
function parentBirth(rng: Random, oldestChildBirth: string, yearsAtOldest: number): string {
  return isoDate(dayNumber(addYears(oldestChildBirth, -yearsAtOldest)) - rng.int(0, 300));
}

function childBirthDates(rng: Random, count: number): string[] {
  const min = dayNumber(CHILD_BIRTH_FROM);
  const max = dayNumber(CHILD_BIRTH_TO);
  const minGap = 330;
  const days = [rng.int(min, max - minGap * (count - 1))];
  for (let i = 1; i < count; i++) {
    const prev = days[i - 1];
    const left = count - 1 - i;
    if (rng.chance(0.03)) {
      days.push(prev); // twins
      continue;
    }
    const hi = Math.min(prev + 5 * 365, max - minGap * left);
    days.push(rng.int(Math.min(prev + minGap, hi), hi));
  }
  return days.map(isoDate);
}

/** 1..11 in `yearStart`/`yearStart+1`: a child starts school in the September after turning 7 (born by 1 September). */
export function schoolGrade(birthDate: string, yearStart: number): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const startYear = m < 9 || (m === 9 && d === 1) ? y + 7 : y + 8;
  return yearStart - startYear + 1;
}

function localTime(rng: Random, agency: SeedAgency): string {
  const [from, to] = agency === 'police' ? [0, 23] : agency === 'education' ? [8, 16] : agency === 'health' ? [8, 19] : [9, 17];
  return `${String(rng.int(from, to)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00`;
}

function createdAfter(rng: Random, isoMoment: string, maxHours: number): string {
  const ms = Math.min(Date.parse(isoMoment) + rng.int(5, maxHours * 60) * 60_000, CREATED_CAP_MS);
  return new Date(ms).toISOString();
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function pickIndicators(rng: Random, pools: Record<Level, IndicatorPools>, level: Level): string[] {
  const first = rng.pick(rng.chance(0.8) ? pools[level].preferred : pools[level].any);
  const codes = [first.code];
  const extra = rng.weighted(EXTRA_INDICATORS);
  for (let i = 0; i < extra; i++) {
    const lvl: Level = level === 'L1' || rng.chance(0.5) ? level : level === 'L3' ? 'L2' : 'L1';
    const next = rng.pick(pools[lvl].preferred);
    if (!codes.includes(next.code)) codes.push(next.code);
  }
  return codes;
}
const EXTRA_INDICATORS = table<number>([
  [0, 0.6],
  [1, 0.3],
  [2, 0.1],
]);

/**
 * Generates one family (rows for every table) with at most `maxChildren` children. `rng` is the
 * family's own stream; `ctx` hands out SNILS numbers and serials in order.
 */
function generateFamily(ctx: RunContext, rng: Random, maxChildren: number, out: SeedBatch): void {
  const m = rng.weighted(MUNICIPALITY_TABLE);
  const kind = rng.weighted(FAMILY_KINDS);
  const childCount = Math.min(maxChildren, rng.weighted(kind === 'GUARDIAN' ? GUARDIAN_CHILD_COUNT : CHILD_COUNT));
  const familyId = rng.uuid();
  const registered = address(rng, m);
  const actual = rng.chance(0.82) ? registered : address(rng, m);
  const births = childBirthDates(rng, childCount);
  const oldest = births[0];
  const spanYears = Math.ceil((dayNumber(births[births.length - 1]) - dayNumber(oldest)) / 365) + 1;
  const familySurname = rng.pick(m.surnames);

  const members: Array<{ person: PersonRow; role: FamilyRoleValue }> = [];
  const makePerson = (p: { lastName: string; firstName: string; middleName: string | null; birthDate: string; sex: Sex; registeredAddress?: string }): PersonRow => {
    const plain = rng.chance(0.2);
    const spell = (s: string) => (plain ? s.replace(/ё/g, 'е').replace(/Ё/g, 'Е') : s);
    const lastName = spell(p.lastName);
    const first = spell(p.firstName);
    const middleName = p.middleName === null ? null : spell(p.middleName);
    return {
      id: rng.uuid(),
      snils: rng.chance(0.9) ? ctx.snils.next() : null,
      lastName,
      firstName: first,
      middleName,
      nameKey: nameKey(lastName, first, middleName),
      birthDate: p.birthDate,
      sex: p.sex,
      registeredAddress: p.registeredAddress ?? registered,
      actualAddress: actual,
      municipality: m.oktmo,
      createdBy: SEED_CREATED_BY,
    };
  };

  // Adults. Mothers are 20-35 full years old at the oldest child's birth, so at most 35 + 0.82 + 18 < 55
  // at the youngest's; fathers 20..(53 - span) at the oldest's, so at most 54 at the youngest's.
  const motherYears = rng.triangular(20, 35);
  const fatherYears = clamp(motherYears + rng.int(-3, 8), 20, 53 - spanYears);
  let fatherName: string | null = null;
  let childSurname = familySurname;
  const adult = (sex: Sex, surname: string, years: number, role: FamilyRoleValue, generation: 'adult' | 'senior' = 'adult') => {
    const first = firstName(rng, m, sex, generation);
    const person = makePerson({
      lastName: surnameFor(surname, sex),
      firstName: first,
      middleName: patronymic(rng.pick(SENIOR_MALE_NAMES), sex),
      birthDate: parentBirth(rng, oldest, years),
      sex,
      registeredAddress: role !== 'MOTHER' && rng.chance(0.06) ? address(rng, m) : undefined,
    });
    members.push({ person, role });
    return first;
  };
  switch (kind) {
    case 'TWO_PARENTS': {
      fatherName = adult('MALE', familySurname, fatherYears, 'FATHER');
      adult('FEMALE', rng.chance(0.88) ? familySurname : rng.pick(m.surnames), motherYears, 'MOTHER');
      break;
    }
    case 'SINGLE_MOTHER':
    case 'MOTHER_AND_PARTNER': {
      adult('FEMALE', familySurname, motherYears, 'MOTHER');
      if (kind === 'MOTHER_AND_PARTNER') adult('MALE', rng.pick(m.surnames), fatherYears, 'OTHER_ADULT');
      fatherName = firstName(rng, m, 'MALE', 'adult');
      if (rng.chance(0.15)) childSurname = rng.pick(m.surnames);
      break;
    }
    case 'SINGLE_FATHER': {
      fatherName = adult('MALE', familySurname, fatherYears, 'FATHER');
      break;
    }
    case 'GUARDIAN': {
      const who = rng.weighted(GUARDIAN_KINDS);
      const sex: Sex = who === 'GRANDFATHER' || (who === 'RELATIVE' && rng.chance(0.2)) ? 'MALE' : 'FEMALE';
      const years = who === 'FOSTER' ? rng.int(25, 45) : who === 'RELATIVE' ? rng.int(20, 40) : rng.triangular(40, 58);
      const surname = who === 'FOSTER' || rng.chance(0.5) ? rng.pick(m.surnames) : familySurname;
      adult(sex, surname, years, 'GUARDIAN', who === 'GRANDMOTHER' || who === 'GRANDFATHER' ? 'senior' : 'adult');
      fatherName = firstName(rng, m, 'MALE', 'adult');
      break;
    }
  }

  // Children.
  const schoolOfFamily = rng.int(0, m.schools.length - 1);
  const kindergartenOfFamily = rng.int(0, m.kindergartens.length - 1);
  const children: ChildInfo[] = births.map((birthDate) => {
    const sex: Sex = rng.chance(0.512) ? 'MALE' : 'FEMALE';
    const father = kind === 'SINGLE_MOTHER' && rng.chance(0.2) ? firstName(rng, m, 'MALE', 'adult') : fatherName!;
    const person = makePerson({
      lastName: surnameFor(childSurname, sex),
      firstName: firstName(rng, m, sex, 'child'),
      middleName: patronymic(father, sex),
      birthDate,
      sex,
    });
    members.push({ person, role: 'CHILD' });
    return {
      person,
      school: rng.chance(0.85) ? schoolOfFamily : rng.int(0, m.schools.length - 1),
      kindergarten: rng.chance(0.7) ? kindergartenOfFamily : rng.int(0, m.kindergartens.length - 1),
    };
  });

  // Categories follow the composition, then a few circumstances at random.
  const categories = new Set<FamilyCategoryValue>();
  const large = childCount >= 3;
  const single = kind === 'SINGLE_MOTHER' || kind === 'SINGLE_FATHER';
  if (large) categories.add('LARGE_FAMILY');
  if (single) categories.add('SINGLE_PARENT');
  if (kind === 'GUARDIAN') categories.add('GUARDIAN_OR_FOSTER');
  if (single && rng.chance(0.12)) categories.add('LOST_BREADWINNER');
  if (kind === 'SINGLE_MOTHER' && rng.chance(0.05)) categories.add('PARENT_IN_PRISON');
  if (rng.chance(0.18 + (large ? 0.2 : 0) + (single ? 0.15 : 0))) categories.add('LOW_INCOME');
  if (rng.chance(0.04)) categories.add('DISABLED_CHILD');
  if (kind !== 'GUARDIAN' && rng.chance(0.03)) categories.add('DISABLED_PARENT');
  if (rng.chance(0.015)) categories.add('REFUGEES_OR_MIGRANTS');

  out.families.push({
    id: familyId,
    municipality: m.oktmo,
    categories: [...categories].sort(),
    registeredAddress: registered,
    actualAddress: actual,
    createdBy: SEED_CREATED_BY,
  });
  for (const member of members) {
    out.persons.push(member.person);
    out.members.push({ familyId, personId: member.person.id, role: member.role });
  }
  out.children += childCount;

  // Signals, measures, school status, data bank.
  const trouble = rng.weighted(FAMILY_TROUBLE);
  let firstL3: string | null = null;
  for (const child of children) {
    const birth = child.person.birthDate;
    const signalAgencies: SeedAgency[] = [];
    let firstObserved: string | null = null;
    let maxLevel: Level | null = null;
    let educationTrouble = false;
    let policeTrouble = false;
    if (trouble !== 'NONE' && rng.chance(0.85)) {
      const count = rng.weighted(SIGNALS_PER_CHILD) + (trouble === 'L3' ? 1 : 0);
      const from = Math.max(dayNumber(OBSERVED_FROM), dayNumber(birth) + 1);
      const to = dayNumber(OBSERVED_TO);
      for (let k = 0; k < count && from <= to; k++) {
        const day = isoDate(rng.int(from, to));
        const level = rng.weighted(SIGNAL_LEVEL[trouble]);
        const age = fullYears(birth, day);
        const agency = rng.weighted(agencyTable(age, kind === 'GUARDIAN'));
        const codes = pickIndicators(rng, ctx.pools[agency], level);
        const sourceKind = rng.weighted(SOURCE_KINDS[agency]);
        const urgency = rng.weighted(codes.some((c) => c.startsWith('LIFE_THREAT-')) ? URGENCY.LIFE_THREAT : URGENCY[level]);
        const reporter = ctx.staffFor(rng, m, agency, child, age);
        const atSchool = agency === 'education' && age >= 7;
        const lead = sourceKind === 'EDUCATION' && !atSchool ? 'Воспитатель сообщает: ' : SOURCE_LEAD[sourceKind];
        const observedAt = `${day}T${localTime(rng, agency)}${m.utcOffset}`;
        const serial = ++ctx.signalSerial;
        out.signals.push({
          agency,
          id: rng.uuid(),
          childId: child.person.id,
          familyId: rng.chance(0.9) ? familyId : null,
          observedAt,
          reporterName: reporter.name,
          reporterPosition: rng.chance(0.95) ? reporter.position : null,
          reporterOrganisation: reporter.organisation,
          sourceKind,
          indicatorCodes: codes,
          urgency,
          status: 'REPORTED',
          description: `${lead}${codes.map((c) => ctx.wording.get(c)).join('; ')}.`,
          clientId: `${agency}-system`,
          createdBy: SEED_CREATED_BY,
          idempotencyKey: `seed-${ctx.seed}-signal-${serial}`,
          requestHash: SEED_REQUEST_HASH,
          createdAt: createdAfter(rng, observedAt, 48),
        });
        if (!signalAgencies.includes(agency)) signalAgencies.push(agency);
        if (firstObserved === null || day < firstObserved) firstObserved = day;
        if (maxLevel === null || level > maxLevel) maxLevel = level;
        if (level === 'L3' && (firstL3 === null || day < firstL3)) firstL3 = day;
        if (agency === 'education' || codes.some((c) => c.startsWith('EDUCATION-'))) educationTrouble = true;
        if (agency === 'police') policeTrouble = true;
      }
    }

    // Measures, for a part of the children with signals, more often the higher the level.
    if (firstObserved !== null && maxLevel !== null && rng.chance(MEASURE_CHANCE[maxLevel])) {
      const count = rng.int(1, maxLevel === 'L1' ? 2 : 4);
      const start = dayNumber(firstObserved);
      for (let k = 0; k < count; k++) {
        const age = fullYears(birth, firstObserved);
        let agency = rng.chance(0.5) ? rng.pick(signalAgencies) : rng.weighted(MEASURE_AGENCY);
        if (agency === 'education' && age < 2) agency = 'social';
        const measureKind = rng.weighted(agency === 'education' && age < 7 ? PRESCHOOL_MEASURE_KINDS : MEASURE_KINDS[agency]);
        const executor = ctx.staffFor(rng, m, agency, child, age);
        const created = Math.min(start + rng.int(1, 7), dayNumber(OBSERVED_TO) + 1);
        const due = Math.min(start + rng.int(7, 120) + k * 14, dayNumber('2027-06-30'));
        const lastDone = dayNumber(OBSERVED_TO);
        let done: number | null = null;
        if (due <= lastDone) {
          if (rng.chance(0.8)) done = clamp(due + rng.int(-14, 7), Math.min(created, lastDone), lastDone);
        } else if (created <= lastDone && rng.chance(0.1)) {
          done = rng.int(created, lastDone);
        }
        const serial = ++ctx.measureSerial;
        out.measures.push({
          agency,
          id: rng.uuid(),
          childId: child.person.id,
          familyId: rng.chance(0.9) ? familyId : null,
          title: rng.pick(MEASURE_TITLES[measureKind]),
          kind: measureKind,
          dueDate: isoDate(due),
          doneDate: done === null ? null : isoDate(done),
          executorName: executor.name,
          executorOrganisation: executor.organisation,
          result: done !== null && rng.chance(0.9) ? rng.pick(MEASURE_RESULTS[measureKind]) : null,
          status: done === null ? 'PLANNED' : 'DONE',
          clientId: `${agency}-system`,
          createdBy: SEED_CREATED_BY,
          idempotencyKey: `seed-${ctx.seed}-measure-${serial}`,
          requestHash: SEED_REQUEST_HASH,
          createdAt: createdAfter(rng, `${isoDate(created)}T${localTime(rng, agency)}${m.utcOffset}`, 1),
        });
      }
    }

    // School status for pupils (7-17; some 16-17-year-olds have left for college after grade 9).
    const age = fullYears(birth, REFERENCE_DATE);
    if (age >= 7 && !(age >= 16 && rng.chance(0.35))) {
      const grade = clamp(schoolGrade(birth, 2026), 1, 11);
      const letter = rng.weighted(CLASS_LETTERS);
      const school = m.schools[child.school];
      const troubled = educationTrouble || maxLevel === 'L2' || maxLevel === 'L3';
      const status = (academicYear: string, grade: number, yearFrom: string, yearTo: string): SchoolStatusRow => {
        const register = rng.chance(policeTrouble && age >= 10 ? 0.4 : troubled ? 0.15 : 0.01);
        return {
          id: rng.uuid(),
          childId: child.person.id,
          academicYear,
          schoolName: school,
          className: `${grade}${letter}`,
          unexcusedAbsences: troubled ? rng.int(6, 120) : rng.chance(0.7) ? rng.int(0, 3) : rng.int(4, 14),
          failingGrades: rng.chance(troubled ? 0.35 : 0.08) ? rng.int(1, troubled ? 6 : 2) : 0,
          internalRegister: register,
          internalRegisterSince: register ? rng.dateBetween(yearFrom, yearTo) : null,
          internalRegisterReason: register ? rng.pick(INTERNAL_REGISTER_REASONS) : null,
          updatedBy: SEED_CREATED_BY,
        };
      };
      out.schoolStatuses.push(status(CURRENT_ACADEMIC_YEAR, grade, '2025-09-01', OBSERVED_TO));
      if (grade >= 2 && fullYears(birth, '2025-11-22') >= 7 && rng.chance(0.6)) {
        out.schoolStatuses.push(status(PREVIOUS_ACADEMIC_YEAR, grade - 1, '2024-09-01', '2026-05-31'));
      }
    }
  }

  // The data bank: most families with a confirmed socially dangerous situation, child by child.
  if (trouble === 'L3' && firstL3 !== null && rng.chance(0.7)) {
    const included = dayNumber(firstL3) + rng.int(10, 45);
    if (included <= dayNumber(OBSERVED_TO)) {
      const resolution = `Постановление КДН и ЗП ${m.cityGenitive} от ${russianDate(isoDate(included - rng.int(0, 3)))} № ${rng.int(1, 48)}/${rng.int(1, 12)}`;
      const removed = rng.chance(0.15) ? included + rng.int(90, 400) : null;
      const removedOn = removed !== null && removed <= dayNumber(OBSERVED_TO) ? isoDate(removed) : null;
      const reason = removedOn ? rng.pick(REMOVAL_REASONS) : null;
      for (const child of children) {
        if (child.person.birthDate > isoDate(included)) continue;
        out.registerEntries.push({
          id: rng.uuid(),
          municipality: m.oktmo,
          familyId,
          childId: child.person.id,
          includedOn: isoDate(included),
          basis: resolution,
          removedOn,
          removalReason: reason,
        });
      }
    }
  }
}

const MEASURE_CHANCE: Record<Level, number> = { L1: 0.2, L2: 0.6, L3: 0.85 };
type GuardianKind = 'GRANDMOTHER' | 'GRANDFATHER' | 'RELATIVE' | 'FOSTER';
const GUARDIAN_KINDS = table<GuardianKind>([
  ['GRANDMOTHER', 0.62],
  ['GRANDFATHER', 0.06],
  ['RELATIVE', 0.2],
  ['FOSTER', 0.12],
]);

/* ----------------------------------------------------------------------------- runs */

export interface GenerateOptions {
  /** Number of children (CHILD members) to generate. */
  children: number;
  /** Any safe integer; default 1. */
  seed?: number;
  /** Defaults to schema/catalogue/indicators.json. */
  catalogue?: IndicatorCatalogue;
}

/**
 * Hands out the run family by family, in batches: `next(n)` returns whole families until the
 * batch holds at least n children (or the run is complete), null when nothing is left. The
 * rows do not depend on the batch sizes asked for.
 */
export class SeedGenerator {
  readonly seed: number;
  readonly totalChildren: number;
  private readonly ctx: RunContext;
  private familyIndex = 0;
  private childrenDone = 0;

  constructor(options: GenerateOptions) {
    this.seed = options.seed ?? DEFAULT_SEED;
    if (!Number.isSafeInteger(this.seed)) throw new Error(`seed must be an integer, got ${options.seed}`);
    if (!Number.isInteger(options.children) || options.children < 0) throw new Error(`children must be a non-negative integer, got ${options.children}`);
    this.totalChildren = options.children;
    this.ctx = new RunContext(this.seed, options.catalogue ?? loadIndicatorCatalogue());
  }

  get generatedChildren(): number {
    return this.childrenDone;
  }

  get done(): boolean {
    return this.childrenDone >= this.totalChildren;
  }

  next(minChildren = 1000): SeedBatch | null {
    if (this.done) return null;
    const batch = emptyBatch();
    while (batch.children < minChildren && !this.done) {
      const rng = Random.stream(this.seed, STREAM_FAMILY, this.familyIndex++);
      const before = batch.children;
      generateFamily(this.ctx, rng, this.totalChildren - this.childrenDone, batch);
      this.childrenDone += batch.children - before;
    }
    return batch;
  }
}

/** The whole run in memory (tests, small sizes); use `SeedGenerator` for big ones. */
export function generateDemoData(options: GenerateOptions): SeedBatch {
  const generator = new SeedGenerator(options);
  return generator.next(Number.MAX_SAFE_INTEGER) ?? emptyBatch();
}

/** Sizes for a `--size` flag. */
export const SEED_SIZES = { tiny: 100, small: 1_000, medium: 10_000, large: 100_000 } as const;
export type SeedSize = keyof typeof SEED_SIZES;

/** "small" | "medium" | "large" | "tiny" | "2500" | "10k" | "1m" -> number of children. */
export function parseSeedSize(value: string): number {
  const named = (SEED_SIZES as Record<string, number>)[value.trim().toLowerCase()];
  if (named !== undefined) return named;
  const match = /^(\d+(?:[._]\d+)?)\s*([km]?)$/i.exec(value.trim().replace(/_/g, ''));
  if (!match) throw new Error(`size "${value}": expected ${Object.keys(SEED_SIZES).join(' | ')} or a number of children (e.g. 2500, 10k)`);
  const factor = match[2].toLowerCase() === 'k' ? 1_000 : match[2].toLowerCase() === 'm' ? 1_000_000 : 1;
  const children = Math.round(Number(match[1]) * factor);
  if (!Number.isSafeInteger(children) || children < 1) throw new Error(`size "${value}": must be at least 1 child`);
  return children;
}
