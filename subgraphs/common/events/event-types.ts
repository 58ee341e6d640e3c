/**
 * Every event type the agency subgraphs write to their outbox, in one table: the code builds each
 * event's `aggregateType` from here (agencyEvent), so the table cannot drift from what is written,
 * and the README renders it. `meaning` is Russian because the README's readers are the agencies'
 * and the bank operator's staff.
 *
 * Payloads carry the aggregate's whole state after the change (camelCase JSON, calendar dates as
 * YYYY-MM-DD, moments as ISO-8601), so the bank can apply any event on its own and skip an older
 * one by `position`. Free-text narrative (a signal's description, a cancellation reason, a
 * doctor's or guardianship note) is never copied: the bank keeps the account card, not the file.
 */

export interface EventTypeRow {
  type: string;
  aggregateType: string;
  /** Subgraphs that write it. */
  sources: readonly string[];
  /** What happened, for the README (Russian). */
  meaning: string;
}

const AGENCIES = ['education', 'health', 'police', 'social', 'guardianship'] as const;

export const EVENT_TYPES = [
  { type: 'SignalReported', aggregateType: 'Signal', sources: AGENCIES, meaning: 'Ведомство сообщило о сигнале (без текста описания)' },
  { type: 'SignalUpdated', aggregateType: 'Signal', sources: AGENCIES, meaning: 'Сигнал исправлен: срочность, индикаторы или описание (текст описания в событие не входит)' },
  { type: 'SignalCancelled', aggregateType: 'Signal', sources: AGENCIES, meaning: 'Сигнал отозван как поданный по ошибке' },
  { type: 'MeasureRecorded', aggregateType: 'Measure', sources: AGENCIES, meaning: 'Записано мероприятие ведомства (запланированное или исполненное)' },
  { type: 'MeasureUpdated', aggregateType: 'Measure', sources: AGENCIES, meaning: 'Мероприятие изменено: срок, дата исполнения, результат' },
  { type: 'MeasureCancelled', aggregateType: 'Measure', sources: AGENCIES, meaning: 'Мероприятие отменено' },
  {
    type: 'RegistrationOpened',
    aggregateType: 'Registration',
    sources: ['police', 'education', 'social', 'guardianship'],
    meaning: 'Ребёнок поставлен на ведомственный учёт: ПДН, внутришкольный учёт, трудная жизненная ситуация, учёт органа опеки',
  },
  {
    type: 'RegistrationUpdated',
    aggregateType: 'Registration',
    sources: ['education', 'social', 'guardianship'],
    meaning: 'Сведения об учёте изменены: дата постановки, основание, положение ребёнка, перенос даты снятия',
  },
  {
    type: 'RegistrationClosed',
    aggregateType: 'Registration',
    sources: ['police', 'education', 'social', 'guardianship'],
    meaning: 'Ребёнок снят с ведомственного учёта',
  },
  {
    type: 'AttachmentChanged',
    aggregateType: 'Attachment',
    sources: ['education', 'health', 'police', 'social'],
    meaning: 'Изменилось закрепление: школа и класс, поликлиника и участок, подразделение ПДН, учреждение патронажа',
  },
  // Written only by the resync (npm run resync -- --repair) into the source's own outbox: the record's
  // current state, rebuilt from the agency's table with the same builders, where the bank lacked it
  // or held another state. The bank applies it like any event of the aggregate (the newest position wins).
  { type: 'SignalResynced', aggregateType: 'Signal', sources: AGENCIES, meaning: 'Сигнал передан заново при сверке: в банке данных его не было или он расходился с ведомством' },
  { type: 'MeasureResynced', aggregateType: 'Measure', sources: AGENCIES, meaning: 'Мероприятие передано заново при сверке: в банке данных его не было или оно расходилось с ведомством' },
  {
    type: 'RegistrationResynced',
    aggregateType: 'Registration',
    sources: ['police', 'education', 'social', 'guardianship'],
    meaning: 'Сведения об учёте переданы заново при сверке: в банке данных их не было или они расходились с ведомством',
  },
  {
    type: 'AttachmentResynced',
    aggregateType: 'Attachment',
    sources: ['education', 'health', 'police', 'social'],
    meaning: 'Закрепление передано заново при сверке: в банке данных его не было или оно расходилось с ведомством',
  },
  // Removal acts reach the bank so that the monitoring report (Primorsky appendix 4) counts the decisions on immediate removal.
  {
    type: 'RemovalActRecorded',
    aggregateType: 'RemovalAct',
    sources: ['guardianship'],
    meaning: 'Орган опеки составил акт о немедленном отобрании ребёнка (номер, дата, вид устройства; без описания)',
  },
  {
    type: 'RemovalActResynced',
    aggregateType: 'RemovalAct',
    sources: ['guardianship'],
    meaning: 'Акт об отобрании передан заново при сверке: в банке данных его не было или он расходился с органом опеки',
  },
] as const satisfies readonly EventTypeRow[];

export type EventType = (typeof EVENT_TYPES)[number]['type'];
export type AggregateType = (typeof EVENT_TYPES)[number]['aggregateType'];

/**
 * The payload's keys per aggregate type, every event of it carries all of them (null when
 * unknown). `id` is the agency's row; the envelope's aggregateId is the same, except for a second
 * aggregate told from one row (a police registration's unit attachment, a school status's internal
 * register), whose aggregateId is derived from the row id so that it is unique within the source.
 * Checked against what is written by test/sync/outbox.test.ts.
 */
export const PAYLOAD_KEYS: Record<AggregateType, readonly string[]> = {
  Signal: ['id', 'agency', 'childId', 'familyId', 'observedAt', 'sourceKind', 'urgency', 'status', 'indicatorCodes', 'reporter', 'organisationId'],
  Measure: ['id', 'agency', 'childId', 'familyId', 'title', 'kind', 'dueDate', 'doneDate', 'status', 'result', 'executor', 'programmeRowId', 'organisationId'],
  Registration: ['id', 'agency', 'childId', 'familyId', 'kind', 'registeredOn', 'protocol', 'reason', 'removedOn', 'removalReason'],
  Attachment: ['id', 'agency', 'childId', 'familyId', 'kind', 'organisation', 'detail', 'since', 'until', 'period'],
  RemovalAct: ['id', 'agency', 'childId', 'familyId', 'actNumber', 'removedOn', 'placementKind'],
};

/** Kinds of departmental registration (payload.kind of Registration events). */
export const REGISTRATION_KINDS = {
  POLICE_JUVENILE: 'Учёт в подразделении по делам несовершеннолетних (ПДН)',
  SCHOOL_INTERNAL: 'Внутришкольный учёт',
  SOCIAL_DIFFICULT_SITUATION: 'Признание находящимся в трудной жизненной ситуации (решение органа соцзащиты)',
  GUARDIANSHIP: 'Учёт органа опеки: положение ребёнка (под опекой, в приёмной семье, в организации, без попечения ...)',
} as const;
export type RegistrationKind = keyof typeof REGISTRATION_KINDS;

/** Kinds of attachment (payload.kind of Attachment events). */
export const ATTACHMENT_KINDS = {
  SCHOOL: 'Школа и класс (за учебный год)',
  CLINIC: 'Поликлиника и педиатрический участок',
  POLICE_UNIT: 'Подразделение ПДН, ведущее учёт',
  PATRONAGE: 'Учреждение социального патронажа',
  KINDERGARTEN: 'ДОУ (детский сад) и группа',
} as const;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

export function aggregateTypeOf(type: EventType): AggregateType {
  return EVENT_TYPES.find((row) => row.type === type)!.aggregateType;
}
