/**
 * The regions' terms as data, each with where the regulation says it: the seed file
 * (../shared/seeds/), the section (пункт/раздел/приложение), the sub-item where there is one, and
 * the phrase quoted verbatim. test/calendar/region-rules.test.ts reads every citation back from the
 * seed text, so a term cannot drift from its source unnoticed. Keys of `region` are the first two
 * digits of the OKTMO code: 05 Primorsky krai, 88 Mari El, 60 Rostov oblast (the Myasnikovsky
 * district's procedure, whose reporting terms the hub applies everywhere: FOLLOW_UP_TERMS).
 */
export type RuleTerm =
  | { kind: 'WORKING_DAYS'; days: number }
  | { kind: 'CALENDAR_DAYS'; days: number }
  | { kind: 'IMMEDIATELY' }
  /** By this day of the month after the period reported on. */
  | { kind: 'DAY_OF_NEXT_MONTH'; day: number }
  /** By these dates of the year (month, day). */
  | { kind: 'FIXED_DATES'; dates: ReadonlyArray<readonly [number, number]> }
  /** The regulation sets no term of its own: the decision that starts the step sets it (an instruction's due date). */
  | { kind: 'SET_BY_DECISION' };

export type RegionRuleKey =
  | 'SIGNAL_CHECK'
  | 'CONCLUSION'
  | 'RESOLUTION_SENT'
  | 'TAKEN_ON_MESSAGE'
  | 'TAKEN_OFF_MESSAGE'
  | 'MONITORING_REPORT_MUNICIPAL'
  | 'MONITORING_REPORT_REGIONAL'
  | 'WRITTEN_NOTICE'
  | 'CLOSING_RESOLUTION_COPY'
  | 'FAMILY_INFORMED'
  | 'EMERGENCY_PROSECUTOR'
  | 'EMERGENCY_REGISTER_ENTRY'
  | 'EMERGENCY_COURT_CLAIM'
  | 'EMERGENCY_KDN_REPORT'
  | 'POLICE_KDN_REPORT'
  | 'SOCIAL_KDN_REPORT'
  | 'DETECTING_BODY_INSPECTION'
  | 'QUARTERLY_REPORT'
  | 'PATRONAGE_SHEET'
  | 'OPERATOR_REPORT'
  | 'LOW_RISK_INSTRUCTION'
  | 'URGENT_SIGNAL_CHECK';

export interface Citation {
  /** File name in ../shared/seeds/. */
  seed: string;
  /** Section as numbered in the seed: '5.2', '7.1', 'VI', 'Приложение 4'. */
  section: string;
  /** Sub-item inside the section, as printed ('б)', '5)'). */
  item?: string;
  /** Verbatim phrase of the seed (whitespace may differ). */
  quote: string;
}

export interface RegionRule {
  region: '05' | '88' | '60' | '04';
  key: RegionRuleKey;
  caption: string;
  term: RuleTerm;
  citation: Citation;
  note?: string;
}

export const SEEDS = {
  primorsky: {
    file: '003_ccd373b1f7b18516.txt',
    title: 'Порядок межведомственного взаимодействия по раннему выявлению и работе со случаем нарушения прав ребенка (Приморский край, постановление краевой КДНиЗП от 21.07.2022 № 9)',
  },
  mariEl: { file: '004_166694640244a117.txt', title: 'Порядок межведомственного взаимодействия ... Республики Марий Эл (КДНиЗП при Правительстве Республики Марий Эл, 28.01.2019)' },
  myasnikovsky: { file: '002_3c355fd3198502e9.txt', title: 'Постановление Администрации Мясниковского района о порядке формирования единого муниципального банка данных семей в СОП' },
  krasnoyarsk: {
    file: '001_cb638ec9aca3dde2.txt',
    title: 'Алгоритм межведомственного взаимодействия ... Красноярского края по раннему выявлению и предотвращению семейного неблагополучия (постановление краевой КДНиЗП от 19.02.2025 № 16-кдн)',
  },
} as const;

const P = SEEDS.primorsky.file;
const M = SEEDS.mariEl.file;
const R = SEEDS.myasnikovsky.file;
const K = SEEDS.krasnoyarsk.file;

export const REGION_NAMES: Record<RegionRule['region'], string> = {
  '05': 'Приморский край',
  '88': 'Республика Марий Эл',
  '60': 'Ростовская область (Мясниковский район)',
  '04': 'Красноярский край',
};

export const REGION_RULES: readonly RegionRule[] = [
  // Primorsky krai
  {
    region: '05',
    key: 'SIGNAL_CHECK',
    caption: 'Реагирование на сигнал (проверка)',
    term: { kind: 'WORKING_DAYS', days: 3 },
    citation: { seed: P, section: '5.2', quote: 'не позднее трех рабочих дней, в случае экстренности - незамедлительно' },
  },
  {
    region: '05',
    key: 'CONCLUSION',
    caption: 'Заключение о результатах проверки сигнала в муниципальную комиссию',
    term: { kind: 'WORKING_DAYS', days: 3 },
    citation: { seed: P, section: '5.3', quote: 'оформляют заключение (Приложение 2 к Порядку) и направляют его в течение трех рабочих дней в муниципальную комиссию' },
  },
  {
    region: '05',
    key: 'RESOLUTION_SENT',
    caption: 'Направление постановления комиссии в орган или учреждение системы профилактики',
    term: { kind: 'WORKING_DAYS', days: 3 },
    citation: { seed: P, section: '5.4', item: 'б)', quote: 'в течение трех рабочих дней направляет постановление для проведения анализа причин' },
  },
  {
    region: '05',
    key: 'TAKEN_ON_MESSAGE',
    caption: 'Информация о постановке семьи на внутренний контроль / учет / социальное обслуживание',
    term: { kind: 'WORKING_DAYS', days: 10 },
    citation: {
      seed: P,
      section: '5.4',
      item: 'б)',
      quote: 'информирует муниципальную комиссию о постановке семьи на внутренний контроль / учет / принятие на социальное обслуживание в течение 10 рабочих дней',
    },
  },
  {
    region: '05',
    key: 'TAKEN_OFF_MESSAGE',
    caption: 'Информация о снятии семьи с обслуживания / контроля',
    term: { kind: 'WORKING_DAYS', days: 3 },
    citation: { seed: P, section: '5.6', quote: 'указанием причины) в течение 3 рабочих дней по форме, согласно Приложению 3 к Порядку' },
  },
  {
    region: '05',
    key: 'MONITORING_REPORT_MUNICIPAL',
    caption: 'Мониторинг на уровне муниципального образования',
    term: { kind: 'DAY_OF_NEXT_MONTH', day: 10 },
    citation: { seed: P, section: 'VI', quote: 'на уровне муниципального образования ежемесячно' },
    note: 'Ежемесячно; день месяца раздел VI не называет — принят срок краевого отчёта (приложение 4)',
  },
  {
    region: '05',
    key: 'MONITORING_REPORT_REGIONAL',
    caption: 'Информация в краевую комиссию (приложение 4), нарастающим итогом',
    term: { kind: 'DAY_OF_NEXT_MONTH', day: 10 },
    citation: { seed: P, section: 'Приложение 4', quote: 'ежеквартально (до 10 числа месяца, следующего за отчетным периодом) с нарастающим итогом' },
  },

  // Mari El
  {
    region: '88',
    key: 'WRITTEN_NOTICE',
    caption: 'Письменная передача информации выявившим органом в муниципальную КДНиЗП',
    term: { kind: 'WORKING_DAYS', days: 3 },
    citation: { seed: M, section: '4.4', quote: 'с последующей передачей такой информации в письменном виде в течение 3 рабочих дней' },
  },
  {
    region: '88',
    key: 'SIGNAL_CHECK',
    caption: 'Проверка информации муниципальной КДНиЗП',
    term: { kind: 'WORKING_DAYS', days: 5 },
    citation: { seed: M, section: '4.6', quote: 'в течение 5-ти рабочих дней с момента получения информации, организует работу по ее проверке' },
  },
  {
    region: '88',
    key: 'CONCLUSION',
    caption: 'Заключение (приложение № 2) — в срок проверки',
    term: { kind: 'WORKING_DAYS', days: 0 },
    citation: { seed: M, section: '4.6', quote: 'и оформляет заключение по форме согласно приложению № 2 к настоящему Порядку' },
    note: 'Отдельного срока для заключения нет: оно оформляется в те же 5 рабочих дней, что и проверка (0 рабочих дней после срока проверки)',
  },
  {
    region: '88',
    key: 'CLOSING_RESOLUTION_COPY',
    caption: 'Копия постановления о снятии с учета в органы и учреждения системы профилактики',
    term: { kind: 'WORKING_DAYS', days: 10 },
    citation: { seed: M, section: '6.5', quote: 'направляется в течение 10 -ти рабочих дней в органы и учреждения системы профилактики' },
  },
  {
    region: '88',
    key: 'FAMILY_INFORMED',
    caption: 'Уведомление несовершеннолетнего и родителей о снятии с учета',
    term: { kind: 'WORKING_DAYS', days: 10 },
    citation: { seed: M, section: '6.5', quote: 'О принятом решении также уведомляются несовершеннолетний и его родители (законные представители)' },
    note: 'Собственного срока п. 6.5 не называет; принят срок направления копии постановления (10 рабочих дней)',
  },
  {
    region: '88',
    key: 'EMERGENCY_PROSECUTOR',
    caption: 'Уведомление прокурора об отобрании ребенка',
    term: { kind: 'IMMEDIATELY' },
    citation: { seed: M, section: '7.1', item: '4)', quote: 'незамедлительно уведомляет прокурора об отобрании ребенка (детей)' },
  },
  {
    region: '88',
    key: 'EMERGENCY_REGISTER_ENTRY',
    caption: 'Регистрация сведений о ребенке в журнале первичного учета детей, оставшихся без попечения родителей',
    term: { kind: 'WORKING_DAYS', days: 3 },
    citation: { seed: M, section: '7.1', item: '5)', quote: 'в течение трех рабочих дней со дня вынесения акта об отобрании ребенка (детей)' },
  },
  // The seed prints this sub-item as «б)» (a scan of «6)»): cited as printed.
  {
    region: '88',
    key: 'EMERGENCY_COURT_CLAIM',
    caption: 'Иск о лишении или ограничении родительских прав',
    term: { kind: 'CALENDAR_DAYS', days: 7 },
    citation: { seed: M, section: '7.1', item: 'б)', quote: 'в течение 7 дней после вынесения акта об отобрании ребенка (детей) обращается в суд' },
  },
  {
    region: '88',
    key: 'EMERGENCY_KDN_REPORT',
    caption: 'Информирование КДНиЗП органом опеки о принятых мерах',
    term: { kind: 'WORKING_DAYS', days: 3 },
    citation: {
      seed: M,
      section: '7.1',
      item: '8)',
      quote:
        'в течение 3 рабочих дней со дня получения информации о выявлении ребенка (детей), находящемся в обстановке, представляющей угрозу его жизни, здоровью или препятствующей их воспитанию, информирует муниципальную КДНиЗП о принятых мерах',
    },
  },
  {
    region: '88',
    key: 'POLICE_KDN_REPORT',
    caption: 'Информация органа внутренних дел в КДНиЗП о принятых мерах',
    term: { kind: 'WORKING_DAYS', days: 3 },
    citation: {
      seed: M,
      section: '7.2',
      item: '2)',
      quote:
        'в течение 3 рабочих дней со дня получения информации о выявлении ребенка (детей), находящемся в обстановке, представляющей угрозу его жизни, здоровью или препятствующей их воспитанию, направляет в муниципальную КДНиЗП о принятых мерах',
    },
  },
  {
    region: '88',
    key: 'SOCIAL_KDN_REPORT',
    caption: 'Информация органа социальной защиты в КДНиЗП о передаче ребенка',
    term: { kind: 'WORKING_DAYS', days: 3 },
    citation: { seed: M, section: '7.3', quote: 'в течение 3 рабочих дней направляет информацию в муниципальную КДНиЗП о передаче ребенка (детей) родителям' },
  },
  {
    region: '88',
    key: 'OPERATOR_REPORT',
    caption: 'Муниципальный банк данных (списки) по форме приложения № 7 в КДНиЗП при Правительстве Республики Марий Эл',
    term: { kind: 'DAY_OF_NEXT_MONTH', day: 10 },
    citation: {
      seed: M,
      section: '5.6',
      quote:
        'направляет ежеквартально муниципальный банк данных (списки) несовершеннолетних и (или) семей, находящихся в социально опасном положении по форме согласно приложению №7 к настоящему Порядку',
    },
    note: 'Ежеквартально; день месяца п. 5.6 не называет — принят срок оператора банка данных Мясниковского района (п. 5.9: не позднее 10 числа месяца, следующего за отчетным)',
  },

  // Myasnikovsky district (Rostov oblast)
  {
    region: '60',
    key: 'DETECTING_BODY_INSPECTION',
    caption: 'Первичное обследование ЖБУ, карта учета семьи и представление выявившим органом',
    term: { kind: 'CALENDAR_DAYS', days: 3 },
    citation: { seed: R, section: '5.3', quote: 'не позднее 3-х календарных дней после выявления проводит' },
  },
  {
    region: '60',
    key: 'QUARTERLY_REPORT',
    caption: 'Ежеквартальный отчет основного субъекта профилактики',
    term: {
      kind: 'FIXED_DATES',
      dates: [
        [3, 15],
        [6, 10],
        [9, 15],
        [12, 5],
      ],
    },
    citation: { seed: R, section: '5.6.5', quote: 'до 15 марта, до 10 июня, до 15 сентября, до 5 декабря' },
  },
  {
    region: '60',
    key: 'PATRONAGE_SHEET',
    caption: 'Патронажный лист вспомогательного субъекта основному',
    term: { kind: 'DAY_OF_NEXT_MONTH', day: 10 },
    citation: { seed: R, section: '5.7.3', quote: 'ежемесячно в срок до 10 числа месяца, следующего за отчетным, патронажный лист' },
  },
  {
    region: '60',
    key: 'OPERATOR_REPORT',
    caption: 'Информация оператора банка данных в министерство образования Ростовской области (приложение № 4)',
    term: { kind: 'DAY_OF_NEXT_MONTH', day: 10 },
    citation: { seed: R, section: '5.9', quote: 'ежеквартально передает информацию (на электронном и бумажном носителях) в министерство общего и профессионального образования Ростовской области' },
    note: 'Ежеквартально, не позднее 10 числа месяца, следующего за отчетным',
  },

  // Krasnoyarsk krai: only its low-risk route; its other terms are those of the default (Primorsky) rules.
  {
    region: '04',
    key: 'LOW_RISK_INSTRUCTION',
    caption: 'Поручение председателя муниципальной КДНиЗП члену комиссии организовать работу с семьей потенциального риска (без постановления)',
    term: { kind: 'SET_BY_DECISION' },
    citation: {
      seed: K,
      section: 'III',
      item: '2)',
      quote: 'При установлении низкого уровня риска семейного неблагополучия председатель муниципальной КДНиЗП поручает члену комиссии организовать работу с семьей по устранению факторов риска.',
    },
    note: 'Срока раздел III не называет: срок исполнения указывается в поручении',
  },

  // Urgency URGENT (schema/enums.ts): the procedures know two grades only, "at once" and the check's term.
  {
    region: '05',
    key: 'URGENT_SIGNAL_CHECK',
    caption: 'Срочный сигнал (не экстренный): реагирование в срок проверки',
    term: { kind: 'WORKING_DAYS', days: 3 },
    citation: { seed: P, section: '5.2', quote: 'определяет экстренность реагирования на сигнал (не позднее трех рабочих дней, в случае экстренности - незамедлительно)' },
    note: 'Порядок различает только экстренное реагирование (незамедлительно) и реагирование не позднее трех рабочих дней; «срочно» — не экстренно: срок проверки тот же, сигнал берётся в работу первым',
  },
  {
    region: '88',
    key: 'URGENT_SIGNAL_CHECK',
    caption: 'Срочный сигнал (не экстренный): проверка в срок п. 4.6',
    term: { kind: 'WORKING_DAYS', days: 5 },
    citation: { seed: M, section: '4.6', quote: 'в течение 5-ти рабочих дней с момента получения информации, организует работу по ее проверке' },
    note: 'Порядок Марий Эл степеней срочности не различает, кроме экстренных мер (разд. 7): «срочно» — в срок проверки, сигнал берётся в работу первым',
  },
];

/** The rule of a region, or undefined where the region's procedure has none. */
export function regionRule(region: string, key: RegionRuleKey): RegionRule | undefined {
  return REGION_RULES.find((r) => r.region === region.slice(0, 2) && r.key === key);
}

/** A rule's working days; throws for a rule that is not in working days (a data error, caught by tests). */
export function ruleWorkingDays(region: RegionRule['region'], key: RegionRuleKey): number {
  const rule = regionRule(region, key);
  if (!rule || rule.term.kind !== 'WORKING_DAYS') throw new Error(`Правило ${key} региона ${region} не задано в рабочих днях`);
  return rule.term.days;
}

/** «файл, п. 5.2 б)» — how a rule's source is printed next to a deadline. */
export function citationText(rule: RegionRule): string {
  const section = /^\d/.test(rule.citation.section) ? `п. ${rule.citation.section}` : rule.citation.section === 'VI' ? `разд. ${rule.citation.section}` : rule.citation.section;
  return `${rule.citation.seed}, ${section}${rule.citation.item ? ` ${rule.citation.item}` : ''}`;
}
