import { registerEnumType } from 'type-graphql';

/**
 * Enums of the health section. Only this subgraph declares them, so they live here rather than
 * in schema/enums.ts. Captions are data next to the values, as in schema/enums.ts, and become
 * the enum values' descriptions. The migration repeats the values in its CHECK constraints on
 * purpose: a migration is frozen, the enum may grow in a later one.
 */

/** Группы здоровья детей (приказ Минздрава России № 514н). */
export enum HealthGroup {
  I = 'I',
  II = 'II',
  III = 'III',
  IV = 'IV',
  V = 'V',
}
export const HEALTH_GROUP_CAPTIONS: Record<HealthGroup, string> = {
  I: 'I группа: здоровые дети с нормальным физическим и психическим развитием',
  II: 'II группа: без хронических заболеваний, с функциональными нарушениями, часто болеющие',
  III: 'III группа: хронические заболевания в стадии ремиссии с сохранёнными функциональными возможностями',
  IV: 'IV группа: хронические заболевания с нарушением функциональных возможностей',
  V: 'V группа: тяжёлые хронические заболевания с выраженной декомпенсацией, дети-инвалиды',
};
registerEnumType(HealthGroup, {
  name: 'HealthGroup',
  description: 'Группа здоровья по итогам профилактического осмотра',
  valuesConfig: describe(HEALTH_GROUP_CAPTIONS),
});

/** Minors are recognised as «ребёнок-инвалид»; groups I–III apply from 18, and the register keeps young adults too. */
export enum DisabilityGroup {
  CHILD = 'CHILD',
  GROUP_I = 'GROUP_I',
  GROUP_II = 'GROUP_II',
  GROUP_III = 'GROUP_III',
}
export const DISABILITY_GROUP_CAPTIONS: Record<DisabilityGroup, string> = {
  CHILD: 'Категория «ребёнок-инвалид»',
  GROUP_I: 'I группа инвалидности',
  GROUP_II: 'II группа инвалидности',
  GROUP_III: 'III группа инвалидности',
};
registerEnumType(DisabilityGroup, {
  name: 'DisabilityGroup',
  description: 'Группа (категория) инвалидности',
  valuesConfig: describe(DISABILITY_GROUP_CAPTIONS),
});

/** What the clinic sees as neglect of the child's health and care. */
export enum CareConcern {
  MISSED_VACCINATIONS = 'MISSED_VACCINATIONS',
  MISSED_CHECKUPS = 'MISSED_CHECKUPS',
  UNTREATED_CONDITION = 'UNTREATED_CONDITION',
  INJURIES = 'INJURIES',
  MALNUTRITION = 'MALNUTRITION',
  NEGLECT_OF_HYGIENE = 'NEGLECT_OF_HYGIENE',
  SUBSTANCE_USE = 'SUBSTANCE_USE',
  PATRONAGE_REFUSED = 'PATRONAGE_REFUSED',
  OTHER = 'OTHER',
}
export const CARE_CONCERN_CAPTIONS: Record<CareConcern, string> = {
  MISSED_VACCINATIONS: 'Профилактические прививки не сделаны без медицинского отвода',
  MISSED_CHECKUPS: 'Пропущены профилактические медицинские осмотры',
  UNTREATED_CONDITION: 'Заболевание не лечится, назначения врача не выполняются',
  INJURIES: 'Травмы, в том числе повторные или с признаками насилия',
  MALNUTRITION: 'Признаки недоедания, отставание в физическом развитии',
  NEGLECT_OF_HYGIENE: 'Запущенность, несоблюдение гигиены',
  SUBSTANCE_USE: 'Употребление алкоголя, наркотических или психоактивных веществ',
  PATRONAGE_REFUSED: 'Отказ от патронажа, медицинского работника не допускают к ребёнку',
  OTHER: 'Иное (см. примечание)',
};
registerEnumType(CareConcern, {
  name: 'CareConcern',
  description: 'Признак ненадлежащей заботы о здоровье ребёнка',
  valuesConfig: describe(CARE_CONCERN_CAPTIONS),
});

function describe<K extends string>(captions: Record<K, string>): Record<K, { description: string }> {
  return Object.fromEntries(Object.entries(captions).map(([value, description]) => [value, { description }])) as Record<K, { description: string }>;
}
