import { registerEnumType } from 'type-graphql';
import { AGENCY_CODES, AgencyCode } from '../auth/principal';
import { ORGANISATION_TYPES, OrganisationType as OrganisationTypeCode } from '../auth/organisations/organisation';

/**
 * Enums shared by every subgraph. Federation composes an enum used in inputs and outputs only
 * when every subgraph declares it identically, so they are declared once, here. Captions
 * (Russian, for people) live next to the values so forms and reports read them from one place.
 */
export const Agency = Object.fromEntries(AGENCY_CODES.map((code) => [code.toUpperCase(), code])) as {
  [K in AgencyCode as Uppercase<K>]: K;
};
registerEnumType(Agency, { name: 'Agency', description: 'Орган или учреждение системы профилактики' });
export const AGENCY_CAPTIONS: Record<AgencyCode, string> = {
  kdn: 'КДН и ЗП',
  guardianship: 'Орган опеки и попечительства',
  social: 'Социальная защита',
  education: 'Образование',
  health: 'Здравоохранение',
  police: 'Органы внутренних дел (ПДН)',
};

export const OrganisationType = Object.fromEntries(ORGANISATION_TYPES.map((code) => [code.toUpperCase(), code])) as {
  [K in OrganisationTypeCode as Uppercase<K>]: K;
};
registerEnumType(OrganisationType, { name: 'OrganisationType', description: 'Вид органа или учреждения системы профилактики (120-ФЗ), включая не имеющие своего подграфа' });

/** Source kinds used in the statistics of signals (DOMAIN.md, Primorsky appendix 4, Yugra). */
export enum SourceKind {
  EDUCATION = 'EDUCATION',
  POLICE = 'POLICE',
  HEALTH = 'HEALTH',
  SOCIAL = 'SOCIAL',
  GUARDIANSHIP = 'GUARDIANSHIP',
  YOUTH = 'YOUTH',
  SPORT = 'SPORT',
  OTHER_ORGANISATION = 'OTHER_ORGANISATION',
  RELATIVES = 'RELATIVES',
  NEIGHBOURS = 'NEIGHBOURS',
  ANONYMOUS = 'ANONYMOUS',
  CHILD = 'CHILD',
  PARENT = 'PARENT',
  HOTLINE = 'HOTLINE',
  MEDIA = 'MEDIA',
  RAIDS = 'RAIDS',
}
registerEnumType(SourceKind, { name: 'SourceKind', description: 'Источник сигнала' });
export const SOURCE_KIND_CAPTIONS: Record<SourceKind, string> = {
  EDUCATION: 'Образовательные организации',
  POLICE: 'Органы внутренних дел',
  HEALTH: 'Медицинские организации',
  SOCIAL: 'Учреждения социальной защиты',
  GUARDIANSHIP: 'Органы опеки и попечительства',
  YOUTH: 'Учреждения молодёжной политики',
  SPORT: 'Учреждения спорта',
  OTHER_ORGANISATION: 'Иные организации',
  RELATIVES: 'Родственники',
  NEIGHBOURS: 'Соседи, знакомые',
  ANONYMOUS: 'Анонимно',
  CHILD: 'Сам ребёнок',
  PARENT: 'Родитель',
  HOTLINE: 'Телефон доверия',
  MEDIA: 'СМИ, интернет',
  // Families found in raids: Krasnoyarsk 001 («в ходе профилактических рейдов»), Mari El 004 («профилактических рейдов»).
  RAIDS: 'Рейды',
};

/**
 * Emergency means react at once (threat to life or health); otherwise within the check's term.
 * The seeds know no third grade: URGENT keeps the check's term and is taken first (region-rules.ts
 * URGENT_SIGNAL_CHECK: Primorsky 5.2, Mari El 4.6).
 */
export enum Urgency {
  EMERGENCY = 'EMERGENCY',
  URGENT = 'URGENT',
  ROUTINE = 'ROUTINE',
}
registerEnumType(Urgency, {
  name: 'Urgency',
  description: 'Срочность реагирования',
  valuesConfig: {
    EMERGENCY: { description: 'Экстренно: незамедлительно (Приморский край, п. 5.2; Марий Эл, разд. 7)' },
    URGENT: { description: 'Срочно: не экстренно, в срок проверки по правилам региона (3 рабочих дня — Приморский край, п. 5.2; 5 рабочих дней — Марий Эл, п. 4.6), в работу первым' },
    ROUTINE: { description: 'В плановом порядке: в срок проверки по правилам региона' },
  },
});

export enum SignalStatus {
  REPORTED = 'REPORTED',
  REGISTERED = 'REGISTERED',
  CHECKING = 'CHECKING',
  CLOSED = 'CLOSED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(SignalStatus, { name: 'SignalStatus', description: 'Состояние сигнала' });

export enum MeasureKind {
  SURVEY = 'SURVEY',
  PATRONAGE = 'PATRONAGE',
  CONSULTATION = 'CONSULTATION',
  MEDICAL = 'MEDICAL',
  EDUCATIONAL = 'EDUCATIONAL',
  SOCIAL_SUPPORT = 'SOCIAL_SUPPORT',
  MATERIAL_AID = 'MATERIAL_AID',
  LEISURE = 'LEISURE',
  PREVENTIVE_TALK = 'PREVENTIVE_TALK',
  LEGAL = 'LEGAL',
  OTHER = 'OTHER',
}
registerEnumType(MeasureKind, { name: 'MeasureKind', description: 'Вид мероприятия' });

export enum MeasureStatus {
  PLANNED = 'PLANNED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MeasureStatus, { name: 'MeasureStatus', description: 'Состояние мероприятия' });

export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}
registerEnumType(Sex, { name: 'Sex', description: 'Пол' });

export enum FamilyRole {
  MOTHER = 'MOTHER',
  FATHER = 'FATHER',
  GUARDIAN = 'GUARDIAN',
  OTHER_ADULT = 'OTHER_ADULT',
  CHILD = 'CHILD',
}
registerEnumType(FamilyRole, { name: 'FamilyRole', description: 'Роль в семье' });

/** Family categories of the data bank's account card (DOMAIN.md, "The data bank"). */
export enum FamilyCategory {
  LARGE_FAMILY = 'LARGE_FAMILY',
  SINGLE_PARENT = 'SINGLE_PARENT',
  LOST_BREADWINNER = 'LOST_BREADWINNER',
  LOW_INCOME = 'LOW_INCOME',
  MINOR_PARENTS = 'MINOR_PARENTS',
  REFUGEES_OR_MIGRANTS = 'REFUGEES_OR_MIGRANTS',
  DISABLED_CHILD = 'DISABLED_CHILD',
  DISABLED_PARENT = 'DISABLED_PARENT',
  GUARDIAN_OR_FOSTER = 'GUARDIAN_OR_FOSTER',
  PARENT_IN_PRISON = 'PARENT_IN_PRISON',
  OTHER = 'OTHER',
  // The rest of Mari El's list (seed 004, appendix 3, section 6), one code per checkbox.
  COMPLETE = 'COMPLETE',
  FOSTER = 'FOSTER',
  GUARDIAN_FAMILY = 'GUARDIAN_FAMILY',
  FATHER_ONLY = 'FATHER_ONLY',
  ONE_PARENT_UNEMPLOYED = 'ONE_PARENT_UNEMPLOYED',
  BOTH_PARENTS_UNEMPLOYED = 'BOTH_PARENTS_UNEMPLOYED',
  DISABLED_PARENTS = 'DISABLED_PARENTS',
  CHILDREN_BACK_FROM_DETENTION = 'CHILDREN_BACK_FROM_DETENTION',
}
/** The seeds' own wording: Mari El appendix 3 section 6 (004), else Myasnikovsky appendix 2 item 4 (002). */
export const FAMILY_CATEGORY_CAPTIONS: Record<FamilyCategory, string> = {
  LARGE_FAMILY: 'многодетная семья',
  SINGLE_PARENT: 'одинокая мать/отец',
  LOST_BREADWINNER: 'потерявшая кормильца',
  LOW_INCOME: 'малообеспеченная семья',
  MINOR_PARENTS: 'несовершеннолетние родители',
  REFUGEES_OR_MIGRANTS: 'семья мигрантов, беженцев, вынужденных переселенцев',
  DISABLED_CHILD: 'семья с ребенком инвалидом',
  // Verbatim, the seed's «родителей» included: the caption is checked against the form's text.
  DISABLED_PARENT: 'семья с одним родителей инвалидом',
  GUARDIAN_OR_FOSTER: 'Опекунская или приёмная семья',
  PARENT_IN_PRISON: 'семья, где один родитель находится в УИН',
  OTHER: 'Иное',
  COMPLETE: 'полная',
  FOSTER: 'приемная',
  GUARDIAN_FAMILY: 'опекунская',
  FATHER_ONLY: 'семья, оставшаяся с 1 отцом',
  ONE_PARENT_UNEMPLOYED: 'семья с одним неработающим родителем',
  BOTH_PARENTS_UNEMPLOYED: 'семья с обоими неработающими родителями',
  DISABLED_PARENTS: 'семья с родителями инвалидами',
  CHILDREN_BACK_FROM_DETENTION: 'семьи, где дети вернулись из мест лишения свободы',
};
registerEnumType(FamilyCategory, {
  name: 'FamilyCategory',
  description: 'Категория семьи',
  valuesConfig: Object.fromEntries(
    Object.values(FamilyCategory).map((code) => [
      code,
      code === FamilyCategory.GUARDIAN_OR_FOSTER
        ? { description: FAMILY_CATEGORY_CAPTIONS[code], deprecationReason: 'Марий Эл различает приемную (FOSTER) и опекунскую (GUARDIAN_FAMILY) семью' }
        : { description: FAMILY_CATEGORY_CAPTIONS[code] },
    ]),
  ),
});

export enum RiskLevel {
  POTENTIAL_RISK = 'POTENTIAL_RISK',
  DIFFICULT_SITUATION = 'DIFFICULT_SITUATION',
  SOCIALLY_DANGEROUS = 'SOCIALLY_DANGEROUS',
}
registerEnumType(RiskLevel, { name: 'RiskLevel', description: 'Уровень семейного неблагополучия' });
