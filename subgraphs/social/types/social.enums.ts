import { registerEnumType } from 'type-graphql';

/**
 * Enums of the social protection section. Their GraphQL names carry the agency's prefix where
 * another agency could plausibly declare a type of the same name (health has its own infant
 * patronage): a clash would break supergraph composition. Values are also CHECKed in the
 * migrations, so a new value needs a migration too.
 */
function describe<T extends string>(captions: Record<T, string>) {
  return Object.fromEntries(Object.entries(captions).map(([value, caption]) => [value, { description: caption as string }])) as Record<T, { description: string }>;
}

/** Forms of social service (442-ФЗ) plus social escort. */
export enum SocialSupportKind {
  SOCIAL_SERVICE_AT_HOME = 'SOCIAL_SERVICE_AT_HOME',
  SEMI_STATIONARY = 'SEMI_STATIONARY',
  STATIONARY = 'STATIONARY',
  URGENT_SOCIAL_SERVICE = 'URGENT_SOCIAL_SERVICE',
  SOCIAL_ESCORT = 'SOCIAL_ESCORT',
}
export const SOCIAL_SUPPORT_KIND_CAPTIONS: Record<SocialSupportKind, string> = {
  SOCIAL_SERVICE_AT_HOME: 'Социальное обслуживание на дому',
  SEMI_STATIONARY: 'Социальное обслуживание в полустационарной форме',
  STATIONARY: 'Социальное обслуживание в стационарной форме',
  URGENT_SOCIAL_SERVICE: 'Срочные социальные услуги',
  SOCIAL_ESCORT: 'Социальное сопровождение',
};
registerEnumType(SocialSupportKind, {
  name: 'SocialSupportKind',
  description: 'Форма социального обслуживания',
  valuesConfig: describe(SOCIAL_SUPPORT_KIND_CAPTIONS),
});

/** Kinds of patronage of the rehabilitation programme (seed 004, appendix: «Вид патронажа»). */
export enum PatronageKind {
  EMERGENCY = 'EMERGENCY',
  URGENT = 'URGENT',
  PERIODIC = 'PERIODIC',
  CONTROL = 'CONTROL',
}
export const PATRONAGE_KIND_CAPTIONS: Record<PatronageKind, string> = {
  EMERGENCY: 'Экстренный',
  URGENT: 'Срочный',
  PERIODIC: 'Периодический',
  CONTROL: 'Контрольный',
};
registerEnumType(PatronageKind, {
  name: 'SocialPatronageKind',
  description: 'Вид социального патронажа семьи',
  valuesConfig: describe(PATRONAGE_KIND_CAPTIONS),
});

export enum BenefitKind {
  UNIFIED_CHILD_ALLOWANCE = 'UNIFIED_CHILD_ALLOWANCE',
  STATE_SOCIAL_ASSISTANCE = 'STATE_SOCIAL_ASSISTANCE',
  SOCIAL_CONTRACT = 'SOCIAL_CONTRACT',
  LARGE_FAMILY_SUPPORT = 'LARGE_FAMILY_SUPPORT',
  HOUSING_SUBSIDY = 'HOUSING_SUBSIDY',
  MATERIAL_AID = 'MATERIAL_AID',
  IN_KIND_AID = 'IN_KIND_AID',
  OTHER = 'OTHER',
}
export const BENEFIT_KIND_CAPTIONS: Record<BenefitKind, string> = {
  UNIFIED_CHILD_ALLOWANCE: 'Единое пособие на детей',
  STATE_SOCIAL_ASSISTANCE: 'Государственная социальная помощь малоимущей семье',
  SOCIAL_CONTRACT: 'Государственная социальная помощь на основании социального контракта',
  LARGE_FAMILY_SUPPORT: 'Меры поддержки многодетной семьи',
  HOUSING_SUBSIDY: 'Субсидия на оплату жилого помещения и коммунальных услуг',
  MATERIAL_AID: 'Материальная помощь',
  IN_KIND_AID: 'Натуральная помощь (продукты, одежда, товары первой необходимости)',
  OTHER: 'Иная выплата (наименование в примечании)',
};
registerEnumType(BenefitKind, {
  name: 'SocialBenefitKind',
  description: 'Вид пособия, выплаты или помощи',
  valuesConfig: describe(BENEFIT_KIND_CAPTIONS),
});

/** Who told social protection of the child (Mari El 7.1 3) б): guardianship; 7.2 3) г): the police). */
export enum EmergencyReferrer {
  GUARDIANSHIP = 'GUARDIANSHIP',
  POLICE = 'POLICE',
}
registerEnumType(EmergencyReferrer, {
  name: 'SocialEmergencyReferrer',
  description: 'Кто проинформировал орган социальной защиты (Марий Эл, пп. 7.1 3) б), 7.2 3) г))',
  valuesConfig: {
    GUARDIANSHIP: { description: 'Орган опеки и попечительства: временное устройство ребенка в организацию (п. 7.1 3) б))' },
    POLICE: { description: 'Орган внутренних дел: доставление безнадзорного ребенка (п. 7.2 3) г))' },
  },
});

/** To whom the child was handed back (Mari El 7.2 3) е), 7.3). */
export enum HandoverTo {
  PARENTS = 'PARENTS',
  OTHER_CARERS = 'OTHER_CARERS',
}
registerEnumType(HandoverTo, {
  name: 'SocialHandoverTo',
  description: 'Кому передан ребенок (Марий Эл, п. 7.3)',
  valuesConfig: {
    PARENTS: { description: 'Родителям' },
    OTHER_CARERS: { description: 'Иным лицам, на попечении которых он находился' },
  },
});
