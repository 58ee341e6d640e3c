/** Russian words for the API's codes; a code without a word is shown as it is, never hidden. */
export const AGENCY_CAPTIONS: Record<string, string> = {
  EDUCATION: 'Образование',
  HEALTH: 'Здравоохранение',
  POLICE: 'Органы внутренних дел (ПДН)',
  SOCIAL: 'Социальная защита',
  GUARDIANSHIP: 'Опека и попечительство',
  KDN: 'КДН и ЗП',
  BANK: 'Банк данных СОП',
  AUDIT: 'Журнал доступа',
};

export const URGENCY_CAPTIONS: Record<string, string> = {
  EMERGENCY: 'экстренно',
  URGENT: 'срочно',
  ROUTINE: 'в плановом порядке',
};

export const SOURCE_CAPTIONS: Record<string, string> = {
  ANONYMOUS: 'анонимное сообщение',
  CHILD: 'сам несовершеннолетний',
  EDUCATION: 'образовательная организация',
  GUARDIANSHIP: 'орган опеки',
  HEALTH: 'медицинская организация',
  HOTLINE: 'телефон доверия',
  MEDIA: 'СМИ',
  NEIGHBOURS: 'соседи',
  OTHER_ORGANISATION: 'иная организация',
  PARENT: 'родитель',
  POLICE: 'органы внутренних дел',
  RAIDS: 'рейды',
  RELATIVES: 'родственники',
  SOCIAL: 'социальная защита',
  SPORT: 'спортивная организация',
  YOUTH: 'молодёжная организация',
};

export const CASE_STATE_CAPTIONS: Record<string, string> = {
  REGISTERED: 'зарегистрировано',
  CHECKING: 'идёт проверка',
  CONCLUDED: 'есть заключение',
  MEMBER_INSTRUCTED: 'поручено члену комиссии',
  IN_WORK: 'в работе',
  PROGRAMME_APPROVED: 'программа утверждена',
  CLOSED: 'закрыто',
  MERGED: 'объединено',
  ANNULLED: 'регистрация аннулирована',
};

export const RESOLUTION_CAPTIONS: Record<string, string> = {
  SOP: 'признать находящимся в СОП',
  INDIVIDUAL_WORK: 'индивидуальная профилактическая работа',
  NO_INTERAGENCY_WORK: 'межведомственная работа не требуется',
};

export const MEASURE_KIND_CAPTIONS: Record<string, string> = {
  CONSULTATION: 'консультация',
  EDUCATIONAL: 'педагогическое',
  LEGAL: 'правовое',
  LEISURE: 'досуговое',
  MATERIAL_AID: 'материальная помощь',
  MEDICAL: 'медицинское',
  OTHER: 'иное',
  PATRONAGE: 'патронаж',
  PREVENTIVE_TALK: 'профилактическая беседа',
  SOCIAL_SUPPORT: 'социальное сопровождение',
  SURVEY: 'обследование',
};

export const MEASURE_STATUS_CAPTIONS: Record<string, string> = { PLANNED: 'запланировано', DONE: 'исполнено', CANCELLED: 'отменено' };

export const DUE_KIND_CAPTIONS: Record<string, string> = {
  CHECK: 'проверка сигнала',
  CONCLUSION: 'заключение по проверке',
  DETECTING_BODY_REPORT: 'представление выявившего органа',
  FAMILY_INFORMED: 'уведомление о снятии с учёта',
  LIVING_CONDITIONS_SURVEY: 'обследование условий жизни',
  OPERATOR_QUARTERLY_REPORT: 'ежеквартальная информация оператора',
  PATRONAGE_SHEET: 'патронажный лист',
  PROGRAMME_DRAFT: 'проект программы',
  PROGRAMME_PROPOSALS: 'предложения в программу',
  PROGRAMME_REVIEW: 'пересмотр программы',
  PROGRAMME_ROW: 'мероприятие программы',
  QUARTERLY_REPORT: 'ежеквартальный отчёт',
  TAKEN_OFF_MESSAGE: 'сообщение о снятии с учёта',
  TAKEN_ON_MESSAGE: 'сообщение о постановке на учёт',
};

export const CATEGORY_CAPTIONS: Record<string, string> = {
  identity: 'личные данные',
  contacts: 'контакты',
  documents: 'документы',
  education: 'образование',
  health: 'здоровье',
  offences: 'правонарушения',
  social: 'социальная защита',
  housing: 'жильё',
};

/** The hub's refusal reasons (auth/access/decide.ts says the same words to the API's callers). */
export const REASON_CAPTIONS: Record<string, string> = {
  role: 'роль не даёт такого права',
  territory: 'ребёнок или семья вне территорий, которые обслуживает ваша организация',
  'no-relationship': 'ребёнок или семья вне территорий вашей организации, и ваша организация не участвует в открытом случае по ним',
  'not-own-agency': 'записи другого ведомства или ребёнок вне территорий вашей организации',
  purpose_missing: 'не указана цель обработки',
  purpose_not_allowed: 'цель обработки не допустима для вашей роли',
  no_consent: 'нет согласия законного представителя и нет правового основания',
  consent_withdrawn: 'согласие отозвано',
  consent_expired: 'срок согласия истёк',
  consent_denied: 'законный представитель запретил такую передачу',
  purpose_not_covered: 'согласие не распространяется на эту цель',
  category_not_covered: 'согласие не распространяется на эту категорию данных',
  grant_stale: 'основание доступа изменилось, повторите запрос',
};

export function caption(map: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '—';
  return map[code] ?? code;
}

export const FAMILY_ROLE_CAPTIONS: Record<string, string> = { CHILD: 'ребёнок', FATHER: 'отец', MOTHER: 'мать', GUARDIAN: 'опекун', OTHER_ADULT: 'иной взрослый' };

export const SIGNAL_STATUS_CAPTIONS: Record<string, string> = {
  REPORTED: 'передан',
  REGISTERED: 'зарегистрирован КДН',
  CHECKING: 'на проверке',
  CLOSED: 'закрыт',
  CANCELLED: 'отозван',
};

export const PURPOSE_CAPTIONS: Record<string, string> = {
  INDIVIDUAL_PREVENTION: 'индивидуальная профилактическая работа',
  SOCIAL_SUPPORT: 'социальное сопровождение',
  SIGNAL_CHECK: 'проверка сигнала',
  DATA_BANK: 'ведение банка данных',
  EMERGENCY: 'угроза жизни или здоровью',
  AUDIT: 'контроль доступа',
  REGISTRY: 'ведение реестра организаций',
};

export const CONSENT_STATUS_CAPTIONS: Record<string, string> = { active: 'действует', withdrawn: 'отозвано', expired: 'истекло' };

/** Several codes as one line of words: "образование, здоровье". */
export function captions(map: Record<string, string>, codes: readonly string[]): string {
  return codes.map((c) => map[c] ?? map[c.toLowerCase()] ?? c).join(', ');
}
