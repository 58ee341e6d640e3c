import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { AgencyCode } from '../../../../auth/principal';
import { Agency, OrganisationType, SourceKind, Urgency } from '../../../../schema/enums';
import { DateTime, LocalDate } from '../../../../schema/scalars';
import { Organisation } from '../../registry/types/organisation.types';
import { CaseStateEnum, ClosureReasonEnum, ConclusionKind, DangerLevel, IncomingSignal, KdnCase, MeetingKind, ResolutionKind } from './kdn-case.types';
import { RegistrationReasonView, SopCriterionView } from './sop.types';

/*
 * The case read back whole (issue 12, item 1). Objects that carry something about the child hold
 * the child (hidden, never a field) so that their field resolvers decide identity:read for it:
 * a caller who may see the case but not the child gets null and a REDACTED error with the reason.
 */

/** What the field resolvers need to decide about the child: never exposed. */
export interface ChildRef {
  childId: string;
  municipality: string;
}

@ObjectType({ description: 'Почему сведения о ребёнке скрыты от вызывающего' })
export class CaseRedaction {
  @Field({ description: 'Категория данных: identity (личные данные), contacts (адрес)' })
  category: string;

  @Field({ description: 'Причина: no_consent, consent_withdrawn, territory, no-relationship...' })
  reason: string;

  @Field({ description: 'Причина словами' })
  message: string;
}

@ObjectType({ description: 'Ребёнок в журнале: ФИО, дата рождения, возраст, адрес — там, где вызывающему можно их читать; иначе пусто с причиной (REDACTED)' })
export class CaseChild {
  @Field(() => ID)
  id: string;

  @Field({ description: 'ОКТМО' })
  municipality: string;

  @Field(() => String, { nullable: true, description: 'Ф.И.О.' })
  fullName?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата рождения' })
  birthDate?: string | null;

  @Field(() => Int, { nullable: true, description: 'Возраст сегодня' })
  age?: number | null;

  @Field(() => Int, { nullable: true, description: 'Возраст на дату поступления сигнала (графа журнала «Возраст»)' })
  ageOnReceipt?: number | null;

  @Field(() => String, { nullable: true, description: 'Адрес места жительства (фактический, иначе регистрации; категория «контакты»)' })
  address?: string | null;

  @Field(() => [String], { nullable: true, description: 'Ф.И.О. родителей (законных представителей) из семей ребёнка (Марий Эл, приложение 1, графа 4)' })
  parents?: string[] | null;

  @Field(() => CaseRedaction, { nullable: true, description: 'Пусто, если личные данные ребёнка видны; иначе — почему скрыты' })
  redaction?: CaseRedaction | null;

  /** The date the journal counts the age from. */
  receivedOn: string;
}

@ObjectType({ description: 'Кто сделал шаг: учётная запись, ведомство и организация' })
export class CaseActor {
  @Field({ description: 'Учётная запись' })
  username: string;

  @Field(() => String, { nullable: true, description: 'Вид ведомства' })
  agency: string | null;

  @Field(() => ID, { nullable: true, description: 'Организация (ОГРН), от имени которой сделан шаг; пусто для записей до учёта организаций' })
  organisationId: string | null;

  @Field(() => Organisation, { nullable: true })
  organisation: Organisation | null;
}

@ObjectType({ description: 'Сигнал ведомства, по которому зарегистрировано дело (без описания)' })
export class CaseSignal {
  @Field(() => Agency)
  agency: AgencyCode;

  @Field(() => ID)
  signalId: string;

  @Field(() => DateTime, { nullable: true, description: 'Когда выявлено' })
  observedAt: Date | null;

  @Field(() => SourceKind, { nullable: true })
  sourceKind: string | null;

  @Field(() => Urgency, { nullable: true })
  urgency: string | null;

  @Field(() => String, { nullable: true, description: 'Состояние сигнала у ведомства' })
  status: string | null;

  @Field(() => [String])
  indicatorCodes: string[];

  @Field(() => String, { nullable: true, description: 'Организация, указанная сообщившим' })
  reporterOrganisation: string | null;

  @Field(() => ID, { nullable: true, description: 'Сообщившая организация (ОГРН)' })
  organisationId: string | null;

  @Field(() => Organisation, { nullable: true })
  organisation: Organisation | null;
}

@ObjectType({ description: 'Запись журнала регистрации сигналов: графы журнала Приморского края (приложение 1) и Марий Эл (приложение 1)' })
export class CaseJournalEntry {
  @Field({ description: '№ в журнале' })
  number: string;

  @Field(() => LocalDate, { description: 'Дата поступления сигнала' })
  receivedOn: string;

  @Field(() => SourceKind)
  sourceKind: string;

  @Field({ description: 'От кого поступил сигнал' })
  from: string;

  @Field(() => Organisation, { nullable: true, description: 'Выявившая организация (чей сигнал зарегистрирован)' })
  sourceOrganisation: Organisation | null;

  @Field(() => CaseChild, { description: 'Сведения о ребёнке: Ф.И.О., возраст, адрес' })
  child: CaseChild;

  @Field(() => Urgency, { description: 'Экстренность реагирования' })
  urgency: string;

  @Field({ description: 'Экстренность словами' })
  urgencyCaption: string;

  @Field(() => String, { nullable: true, description: 'Проблема и необходимая помощь (содержание сигнала; скрыто, если личные данные ребёнка не видны)' })
  summary?: string | null;

  @Field(() => [String], { description: 'Индикаторы неблагополучия' })
  indicatorCodes: string[];

  @Field(() => LocalDate, { nullable: true, description: 'Проверка сигнала: дата назначения' })
  checkAssignedOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Проверка сигнала: срок' })
  checkDueOn: string | null;

  @Field(() => [String], { description: 'Проверка сигнала: специалисты (учётная запись и организация) либо название организации' })
  checkSpecialists: string[];

  @Field(() => ConclusionKind, { nullable: true })
  conclusionKind: string | null;

  @Field(() => String, { nullable: true, description: 'Заключение: информация не подтвердилась / ранняя стадия неблагополучия / социально опасное положение' })
  conclusion: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата постановки на учёт (постановление о работе по случаю или о признании СОП)' })
  registeredOn: string | null;

  @Field(() => String, { nullable: true, description: 'Вид учёта' })
  registration: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата снятия с учёта' })
  removedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Основание снятия с учёта' })
  removalReason: string | null;

  @Field({ description: 'Результат (графа журнала Марий Эл)' })
  result: string;
}

@ObjectType({ description: 'Изменение срока проверки' })
export class CaseDueChange {
  @Field(() => DateTime)
  at: Date;

  @Field(() => CaseActor)
  by: CaseActor;

  @Field(() => LocalDate, { nullable: true })
  from: string | null;

  @Field(() => LocalDate, { nullable: true })
  to: string | null;

  @Field(() => String, { nullable: true, description: 'Причина (скрыта, если личные данные ребёнка не видны)' })
  reason?: string | null;

  /** Hidden: whose case it is. */
  child: ChildRef;
  rawReason: string | null;
}

@ObjectType({ description: 'Назначение проверки: организации и срок; повторная проверка после возврата заключения на доработку — отдельное назначение' })
export class CaseCheck {
  @Field({ description: 'ASSIGNED — назначена, REWORK — заключение возвращено на доработку' })
  kind: string;

  @Field(() => DateTime)
  assignedAt: Date;

  @Field(() => LocalDate)
  assignedOn: string;

  @Field(() => CaseActor)
  assignedBy: CaseActor;

  @Field(() => [Agency])
  agencies: AgencyCode[];

  @Field(() => [ID], { description: 'Организации, которым назначена проверка (ОГРН)' })
  organisationIds: string[];

  @Field(() => [Organisation])
  organisations: Organisation[];

  @Field(() => LocalDate, { nullable: true, description: 'Срок при назначении' })
  initialDueOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Срок с учётом продлений' })
  dueOn: string | null;

  @Field(() => [CaseDueChange], { description: 'Продления срока' })
  extensions: CaseDueChange[];

  @Field(() => DateTime, { nullable: true, description: 'Когда представлено заключение по этой проверке' })
  concludedAt: Date | null;
}

@ObjectType({ description: 'Заключение по проверке: автор, дата, вывод, уровень опасности, установленное и текст' })
export class CaseConclusion {
  @Field(() => ConclusionKind)
  kind: string;

  @Field({ description: 'Вывод словами' })
  kindCaption: string;

  @Field(() => DangerLevel, { nullable: true })
  dangerLevel: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Установлено: нарушение прав ребёнка было' })
  violationFound: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Установлено: ребёнок сейчас дома в безопасности' })
  childSafeNow: boolean | null;

  @Field(() => String, { nullable: true, description: 'Текст заключения (скрыт, если личные данные ребёнка не видны)' })
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'Ведомство автора' })
  agency: string | null;

  @Field(() => ID, { nullable: true })
  organisationId: string | null;

  @Field(() => Organisation, { nullable: true, description: 'Организация автора' })
  organisation: Organisation | null;

  @Field(() => String, { nullable: true, description: 'Автор (учётная запись)' })
  author: string | null;

  @Field(() => DateTime, { nullable: true })
  recordedAt: Date | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата заключения' })
  recordedOn: string | null;

  @Field({ description: 'Действующее заключение по делу' })
  current: boolean;

  @Field(() => DateTime, { nullable: true, description: 'Когда возвращено на доработку' })
  returnedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Почему возвращено (скрыто, если личные данные ребёнка не видны)' })
  returnReason?: string | null;

  @Field(() => [SopCriterionView], { description: 'Установленные критерии социально опасного положения' })
  sopCriteria: SopCriterionView[];

  child: ChildRef;
  rawText: string | null;
  rawReturnReason: string | null;
}

@ObjectType({ description: 'Заседание комиссии' })
export class CaseMeeting {
  @Field(() => MeetingKind, { nullable: true })
  kind: string | null;

  @Field({ description: 'Очередное или внеочередное' })
  caption: string;

  @Field(() => LocalDate, { description: 'Дата заседания (дата постановления)' })
  date: string;

  @Field(() => String, { nullable: true, description: 'Номер протокола' })
  protocolNumber: string | null;
}

@ObjectType({ description: 'Постановление КДН: номер, дата, решение, куратор, основная и вспомогательные организации, срок, заседание' })
export class CaseResolution {
  @Field(() => ResolutionKind)
  kind: string;

  @Field({ description: 'Решение словами' })
  kindCaption: string;

  @Field({ description: 'Номер постановления' })
  number: string;

  @Field(() => LocalDate)
  date: string;

  @Field(() => String, { nullable: true, description: 'Куратор случая (учётная запись)' })
  curator: string | null;

  @Field(() => Agency, { nullable: true })
  leadAgency: AgencyCode | null;

  @Field(() => ID, { nullable: true })
  leadOrganisationId: string | null;

  @Field(() => Organisation, { nullable: true, description: 'Основное ведомство (организация)' })
  leadOrganisation: Organisation | null;

  @Field(() => [OrganisationType], { description: 'Виды вспомогательных организаций (в том числе без собственного подграфа)' })
  supportingAgencies: string[];

  @Field(() => [ID])
  supportingOrganisationIds: string[];

  @Field(() => [Organisation], { description: 'Вспомогательные организации' })
  supportingOrganisations: Organisation[];

  @Field(() => Int, { nullable: true, description: 'Срок работы, месяцев' })
  termMonths: number | null;

  @Field(() => LocalDate, { nullable: true, description: 'Окончание срока работы (с учётом продлений и сокращений)' })
  termEndsOn: string | null;

  @Field(() => CaseMeeting, { nullable: true, description: 'Заседание; пусто, если не указано' })
  meeting: CaseMeeting | null;

  @Field(() => RegistrationReasonView, { nullable: true, description: 'Причина постановки на учёт (постановление о признании СОП)' })
  registrationReason: RegistrationReasonView | null;

  @Field(() => DateTime, { nullable: true })
  recordedAt: Date | null;

  @Field(() => CaseActor, { nullable: true })
  recordedBy: CaseActor | null;

  @Field({ description: 'Действующее постановление по делу' })
  current: boolean;
}

@ObjectType({ description: 'Закрытие случая постановлением' })
export class CaseClosure {
  @Field(() => LocalDate)
  closedOn: string;

  @Field(() => ClosureReasonEnum)
  reason: string;

  @Field({ description: 'Основание словами' })
  reasonCaption: string;

  @Field(() => String, { nullable: true, description: 'Номер постановления о закрытии' })
  resolutionNumber: string | null;

  @Field(() => DateTime, { nullable: true })
  recordedAt: Date | null;

  @Field(() => CaseActor, { nullable: true })
  recordedBy: CaseActor | null;
}

@ObjectType({ description: 'Утверждение программы' })
export class ProgrammeApproval {
  @Field(() => DateTime)
  approvedAt: Date;

  @Field(() => LocalDate)
  approvedOn: string;

  @Field(() => CaseActor)
  approvedBy: CaseActor;
}

@ObjectType({ description: 'Что изменилось: поле, было, стало' })
export class CaseChange {
  @Field()
  field: string;

  @Field(() => String, { nullable: true, description: 'Было (JSON)' })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'Стало (JSON)' })
  after: string | null;
}

@ObjectType({ description: 'Шаг истории дела: кто, от какой организации, когда, что сделал, что изменилось и почему' })
export class CaseHistoryEntry {
  @Field(() => ID)
  id: string;

  @Field(() => DateTime)
  at: Date;

  @Field({ description: 'Действие (имя операции)' })
  action: string;

  @Field({ description: 'Действие словами' })
  caption: string;

  @Field(() => CaseStateEnum, { nullable: true })
  fromState: string | null;

  @Field(() => CaseStateEnum)
  toState: string;

  @Field(() => CaseActor)
  actor: CaseActor;

  @Field(() => String, { nullable: true, description: 'Почему (для исправлений; скрыто, если личные данные ребёнка не видны)' })
  reason?: string | null;

  @Field(() => [CaseChange], { nullable: true, description: 'Что изменилось: было и стало (скрыто, если личные данные ребёнка не видны)' })
  changes?: CaseChange[] | null;

  @Field(() => String, { nullable: true, description: 'Все сведения шага (JSON; скрыты, если личные данные ребёнка не видны)' })
  details?: string | null;

  child: ChildRef;
  payload: Record<string, unknown>;
}

@ObjectType({ description: 'Положение страницы' })
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Курсор последней записи страницы: передайте его в after за следующей' })
  endCursor: string | null;

  @Field({ description: 'Есть ли записи после этой страницы' })
  hasNextPage: boolean;
}

@ObjectType()
export class KdnCaseEdge {
  @Field()
  cursor: string;

  // Nullable: a part of one case refused to the caller (the programme, say) voids that case alone, with its error.
  @Field(() => KdnCase, { nullable: true })
  node: KdnCase;
}

@ObjectType({ description: 'Страница дел (сначала новые): курсор в pageInfo.endCursor' })
export class KdnCaseConnection {
  @Field(() => [KdnCaseEdge])
  edges: KdnCaseEdge[];

  @Field(() => [KdnCase], { nullable: 'items', description: 'Дела страницы; пусто на месте дела, часть которого вызывающему не видна (ошибка объясняет)' })
  nodes: KdnCase[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType()
export class IncomingSignalEdge {
  @Field()
  cursor: string;

  @Field(() => IncomingSignal)
  node: IncomingSignal;
}

@ObjectType({ description: 'Страница входящих сигналов журнала (сначала новые): курсор в pageInfo.endCursor' })
export class IncomingSignalConnection {
  @Field(() => [IncomingSignalEdge])
  edges: IncomingSignalEdge[];

  @Field(() => [IncomingSignal])
  nodes: IncomingSignal[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@InputType({ description: 'Отбор дел' })
export class KdnCaseFilter {
  @Field(() => CaseStateEnum, { nullable: true })
  state?: string | null;

  @Field(() => String, { nullable: true, description: 'Территория (ОКТМО)' })
  territory?: string | null;

  @Field(() => ID, { nullable: true, description: 'Организация (ОГРН), которая выявила, проверяет, ведёт, поддерживает случай или исполняет мероприятие программы' })
  organisationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Куратор (учётная запись)' })
  curator?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Есть просроченное: проверка, проект программы (14 дней от постановления) или мероприятие программы' })
  overdue?: boolean | null;

  @Field(() => LocalDate, { nullable: true, description: 'Поступил не раньше' })
  receivedFrom?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Поступил не позже' })
  receivedTo?: string | null;
}

@InputType({ description: 'Отбор входящих сигналов журнала' })
export class IncomingSignalFilter {
  @Field(() => Boolean, { nullable: true, description: 'Только ждущие регистрации (по умолчанию да)' })
  waitingOnly?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Территория (ОКТМО)' })
  territory?: string | null;

  @Field(() => Agency, { nullable: true, description: 'Ведомство, сообщившее о сигнале' })
  agency?: AgencyCode | null;

  @Field(() => ID, { nullable: true, description: 'Сообщившая организация (ОГРН)' })
  organisationId?: string | null;

  @Field(() => Urgency, { nullable: true })
  urgency?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Выявлен не раньше' })
  receivedFrom?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Выявлен не позже' })
  receivedTo?: string | null;
}
