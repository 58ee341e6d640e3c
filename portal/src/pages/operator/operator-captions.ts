/** Russian words for the account card's and the reconciliation's codes. */
export const MEMBER_ROLE_CAPTIONS: Record<string, string> = {
  MOTHER: 'мать',
  FATHER: 'отец',
  GUARDIAN: 'опекун (попечитель)',
  OTHER_ADULT: 'иной взрослый член семьи',
  CHILD: 'ребёнок',
};

export const SOP_SITUATION_CAPTIONS: Record<string, string> = {
  DOMESTIC_VIOLENCE: 'насилие в семье',
  EVADING_UPBRINGING: 'родители уклоняются от воспитания и содержания детей',
  EVADING_UPBRINGING_SUBSTANCES: 'родители уклоняются от воспитания в связи со злоупотреблением алкоголем или ПАВ',
  MINORS_DRAWN_INTO_OFFENCES: 'несовершеннолетние вовлекаются в правонарушения',
  MINOR_DRINKS_ALCOHOL: 'несовершеннолетний употребляет алкоголь',
  MINOR_USES_DRUGS: 'несовершеннолетний употребляет наркотические вещества или ПАВ',
  NO_HOME_NO_MEANS: 'нет места жительства и средств к существованию',
  UNLAWFUL_ACTS_BY_PARENT: 'противоправные деяния родителя в отношении членов семьи',
};

export const PARENT_PROFILE_CAPTIONS: Record<string, string> = {
  ASOCIAL: 'асоциальные',
  CONFLICTUAL: 'конфликтные',
  PEDAGOGICALLY_INCOMPETENT: 'педагогически некомпетентные',
  WELL_FUNCTIONING: 'благополучные',
};

export const DISCREPANCY_CAPTIONS: Record<string, string> = {
  MISSING_AGENCY_REGISTRATION: 'нет постановки на учёт в ведомстве',
  NOT_IN_REGISTER: 'ведомство ведёт учёт, в банке данных семьи нет',
  REMOVED_BUT_OPEN: 'снят с учёта в банке, ведомство учёт не закрыло',
};

export const INCOME_CAPTIONS: Record<string, string> = {
  salary: 'заработная плата',
  pension: 'пенсия',
  benefits: 'пособия',
  smallholding: 'личное подсобное хозяйство',
  alimony: 'алименты',
  scholarship: 'стипендия',
  other: 'иное',
};

export const HOUSING_CAPTIONS: Record<string, string> = {
  APARTMENT: 'квартира',
  COMMUNAL_APARTMENT: 'коммунальная квартира',
  DORMITORY_ROOM: 'комната в общежитии',
  NO_PERMANENT_HOME: 'нет постоянного жилья',
  OTHER: 'другое',
  PRIVATE_HOUSE: 'частный дом',
};

export const REGISTRATION_BODY_CAPTIONS: Record<string, string> = {
  EDUCATION: 'образование',
  GUARDIANSHIP: 'опека',
  HEALTH: 'здравоохранение',
  KDN: 'КДН и ЗП',
  OTHER: 'иной орган',
  POLICE: 'ПДН',
  SOCIAL: 'соцзащита',
};
