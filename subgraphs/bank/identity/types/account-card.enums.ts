import { registerEnumType } from 'type-graphql';

/**
 * The checkboxes and rows of the family account card, in the forms' own wording: Mari El
 * appendix 3 (seed 004) and Myasnikovsky appendix 2 (seed 002). Captions are what the printed card
 * shows and the GraphQL descriptions of the values; test/e2e/account-card.test.ts finds every one
 * of them in the seed text.
 */
function withCaptions<T extends Record<string, string>>(values: T, name: string, description: string, captions: Record<keyof T, string>): void {
  registerEnumType(values, { name, description, valuesConfig: Object.fromEntries(Object.keys(values).map((k) => [k, { description: captions[k as keyof T] }])) as never });
}

/** Mari El appendix 3, section 8. */
export enum SopSituation {
  EVADING_UPBRINGING = 'EVADING_UPBRINGING',
  EVADING_UPBRINGING_SUBSTANCES = 'EVADING_UPBRINGING_SUBSTANCES',
  DOMESTIC_VIOLENCE = 'DOMESTIC_VIOLENCE',
  MINORS_DRAWN_INTO_OFFENCES = 'MINORS_DRAWN_INTO_OFFENCES',
  UNLAWFUL_ACTS_BY_PARENT = 'UNLAWFUL_ACTS_BY_PARENT',
  MINOR_DRINKS_ALCOHOL = 'MINOR_DRINKS_ALCOHOL',
  MINOR_USES_DRUGS = 'MINOR_USES_DRUGS',
  NO_HOME_NO_MEANS = 'NO_HOME_NO_MEANS',
}
export const SOP_SITUATION_CAPTIONS: Record<SopSituation, string> = {
  EVADING_UPBRINGING: 'Семья, в которой родители(законные представители) уклоняются от воспитания и содержания детей и/или от защиты их прав и законных интересов',
  EVADING_UPBRINGING_SUBSTANCES:
    'Семья, в которой родители(законные представители) уклоняются от воспитания и содержания детей и/или от защиты их прав и законных интересов в связи со злоупотреблением алкогольными напитками, наркотическими средствами, психоактивными веществами',
  DOMESTIC_VIOLENCE: 'Насилие в семье',
  MINORS_DRAWN_INTO_OFFENCES: 'Семья, в которой несовершеннолетние вовлекаются в совершение правонарушений или антиобщественных действий',
  UNLAWFUL_ACTS_BY_PARENT: 'Семья, в которой по отношению к несовершеннолетнему или другим членам семьи со стороны одного из родителей совершены противоправные деяния',
  MINOR_DRINKS_ALCOHOL: 'Несовершеннолетний, употребляющий алкогольные напитки',
  MINOR_USES_DRUGS: 'Несовершеннолетний, употребляющий наркотические, психоактивные вещества',
  NO_HOME_NO_MEANS: 'Семья с несовершеннолетними, не имеющая места жительства и средств к существованию',
};
withCaptions(SopSituation, 'SopSituation', 'Вид социально опасной ситуации в семье', SOP_SITUATION_CAPTIONS);

/** Mari El appendix 3, section 7: the criterion and its characteristic as printed. */
export enum ParentProfile {
  WELL_FUNCTIONING = 'WELL_FUNCTIONING',
  PEDAGOGICALLY_INCOMPETENT = 'PEDAGOGICALLY_INCOMPETENT',
  ASOCIAL = 'ASOCIAL',
  CONFLICTUAL = 'CONFLICTUAL',
}
export const PARENT_PROFILE_CAPTIONS: Record<ParentProfile, string> = {
  WELL_FUNCTIONING: 'Благополучные',
  PEDAGOGICALLY_INCOMPETENT: 'Педагогически некомпетентные',
  ASOCIAL: 'Асоциальные',
  CONFLICTUAL: 'Конфликтные',
};
export const PARENT_PROFILE_TRAITS: Record<ParentProfile, string> = {
  WELL_FUNCTIONING: 'родители морально устойчивы, владеют культурой воспитания, эмоциональная атмосфера в семье положительная',
  PEDAGOGICALLY_INCOMPETENT:
    'родители не владеют культурой воспитания: отсутствует единство требований к детям, дети безнадзорны, жестокое обращение с детьми, систематически наказывают детей, плохо осведомлены об интересах и поведении детей вне дома',
  ASOCIAL: 'родители ведут аморальный образ жизни, пьянствуют, устраивают притон, имеют судимость, воспитанием детей не занимаются',
  CONFLICTUAL: 'в семье неблагоприятная эмоциональная атмосфера, между родителями постоянные конфликты, родители повышено раздражительны, жестоки, нетерпимы',
};
withCaptions(ParentProfile, 'ParentProfile', 'Социально-психологическая характеристика родителей', PARENT_PROFILE_CAPTIONS);

/** Mari El appendix 3, section 3, «Жилищные условия». */
export enum HousingKind {
  APARTMENT = 'APARTMENT',
  PRIVATE_HOUSE = 'PRIVATE_HOUSE',
  DORMITORY_ROOM = 'DORMITORY_ROOM',
  COMMUNAL_APARTMENT = 'COMMUNAL_APARTMENT',
  NO_PERMANENT_HOME = 'NO_PERMANENT_HOME',
  OTHER = 'OTHER',
}
export const HOUSING_KIND_CAPTIONS: Record<HousingKind, string> = {
  APARTMENT: 'Квартира, кв.м',
  PRIVATE_HOUSE: 'Частный дом, кв.м',
  DORMITORY_ROOM: 'Комната в общежитии, кв.м',
  COMMUNAL_APARTMENT: 'Коммунальная квартира, кв.м',
  NO_PERMANENT_HOME: 'Нет постоянного жилья',
  OTHER: 'Другое',
};
withCaptions(HousingKind, 'HousingKind', 'Жилищные условия', HOUSING_KIND_CAPTIONS);

export enum HousingComfort {
  WITH_AMENITIES = 'WITH_AMENITIES',
  WITHOUT_AMENITIES = 'WITHOUT_AMENITIES',
}
export const HOUSING_COMFORT_CAPTIONS: Record<HousingComfort, string> = { WITH_AMENITIES: 'Благоустроенное', WITHOUT_AMENITIES: 'Не благоустроенное' };
withCaptions(HousingComfort, 'HousingComfort', 'Благоустройство жилья', HOUSING_COMFORT_CAPTIONS);
export const DILAPIDATED_CAPTION = 'Ветхое жилье';

export enum SanitaryState {
  SATISFACTORY = 'SATISFACTORY',
  UNSATISFACTORY = 'UNSATISFACTORY',
}
export const SANITARY_STATE_CAPTIONS: Record<SanitaryState, string> = { SATISFACTORY: 'удовлетворительное', UNSATISFACTORY: 'неудовлетворительное' };
withCaptions(SanitaryState, 'SanitaryState', 'Санитарное состояние жилья', SANITARY_STATE_CAPTIONS);

/** «Условия жизни несовершеннолетних (нужное отметить)»; «Другое» is free text beside them. */
export enum ChildLivingCondition {
  OWN_ROOM = 'OWN_ROOM',
  CORNER_IN_SHARED_ROOM = 'CORNER_IN_SHARED_ROOM',
  OWN_DESK = 'OWN_DESK',
  PLACE_TO_SLEEP_PLAY_STUDY = 'PLACE_TO_SLEEP_PLAY_STUDY',
}
export const CHILD_LIVING_CONDITION_CAPTIONS: Record<ChildLivingCondition, string> = {
  OWN_ROOM: 'Отдельная комната',
  CORNER_IN_SHARED_ROOM: 'уголок в общей комнате',
  OWN_DESK: 'свой письменный стол',
  PLACE_TO_SLEEP_PLAY_STUDY: 'место для сна, игр, занятий, игрушек, книг',
};
withCaptions(ChildLivingCondition, 'ChildLivingCondition', 'Условия жизни несовершеннолетних', CHILD_LIVING_CONDITION_CAPTIONS);

/** Mari El appendix 3, section 4, in the form's order (the keys of the income input). */
export const INCOME_CAPTIONS = {
  salary: 'Заработная плата',
  pension: 'Пенсия',
  benefits: 'Пособия',
  smallholding: 'Доход с ЛПХ',
  alimony: 'Алименты',
  scholarship: 'Стипендия',
  other: 'Другой источник',
} as const;
export type IncomeKind = keyof typeof INCOME_CAPTIONS;
export const INCOME_KINDS = Object.keys(INCOME_CAPTIONS) as IncomeKind[];

export enum IdentityDocumentKind {
  PASSPORT = 'PASSPORT',
  BIRTH_CERTIFICATE = 'BIRTH_CERTIFICATE',
}
export const IDENTITY_DOCUMENT_CAPTIONS: Record<IdentityDocumentKind, string> = { PASSPORT: 'паспорт', BIRTH_CERTIFICATE: 'свидетельство о рождении' };
withCaptions(IdentityDocumentKind, 'IdentityDocumentKind', 'Документ, удостоверяющий личность', IDENTITY_DOCUMENT_CAPTIONS);

/** Mari El appendix 3, section 9: the rows of «Ведомственный учет». */
export enum CardRegistrationBody {
  KDN = 'KDN',
  POLICE = 'POLICE',
  SOCIAL = 'SOCIAL',
  EDUCATION = 'EDUCATION',
  HEALTH = 'HEALTH',
  GUARDIANSHIP = 'GUARDIANSHIP',
  OTHER = 'OTHER',
}
export const CARD_REGISTRATION_BODY_CAPTIONS: Record<CardRegistrationBody, string> = {
  KDN: 'КДН',
  POLICE: 'ПДН',
  SOCIAL: 'Соц.защита',
  EDUCATION: 'Образование',
  HEALTH: 'Здравоохранение',
  GUARDIANSHIP: 'Опека и попечительство',
  OTHER: 'Другие',
};
withCaptions(CardRegistrationBody, 'CardRegistrationBody', 'Органы и учреждения системы профилактики (ведомственный учет)', CARD_REGISTRATION_BODY_CAPTIONS);
/** Which row an agency's own registration (its events, agency_record) is printed in. */
export const REGISTRATION_BODY_OF_AGENCY: Record<string, CardRegistrationBody> = {
  kdn: CardRegistrationBody.KDN,
  police: CardRegistrationBody.POLICE,
  social: CardRegistrationBody.SOCIAL,
  education: CardRegistrationBody.EDUCATION,
  health: CardRegistrationBody.HEALTH,
  guardianship: CardRegistrationBody.GUARDIANSHIP,
};

/** Mari El appendix 3, section 10; the codes are the agencies' attachment kinds (event-types.ts). */
export enum CardAttachmentKind {
  CLINIC = 'CLINIC',
  SCHOOL = 'SCHOOL',
  KINDERGARTEN = 'KINDERGARTEN',
  POLICE_UNIT = 'POLICE_UNIT',
  PATRONAGE = 'PATRONAGE',
}
export const CARD_ATTACHMENT_CAPTIONS: Record<CardAttachmentKind, string> = {
  CLINIC: 'Поликлиника №, участок №, телефон',
  SCHOOL: 'Школа №, класс, телефон',
  KINDERGARTEN: 'ДОУ №, телефон',
  POLICE_UNIT: 'Отделение полиции, участковый, телефон',
  PATRONAGE: 'Патронаж в учреждении социального обслуживания населения',
};
withCaptions(CardAttachmentKind, 'CardAttachmentKind', 'Сведения о закреплении', CARD_ATTACHMENT_CAPTIONS);
