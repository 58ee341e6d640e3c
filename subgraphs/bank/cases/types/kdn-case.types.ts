import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgencyCode } from '../../../../auth/principal';
import { Agency, SourceKind, Urgency } from '../../../../schema/enums';
import { DateTime, LocalDate } from '../../../../schema/scalars';
import { CASE_STATES, CLOSURE_REASONS } from '../workflow/case-workflow';
import { DetectingBodyView, MemberInstructionView, RegistrationReasonView, SopCriterionView, SopSubject } from './sop.types';

export const CaseStateEnum = Object.fromEntries(CASE_STATES.map((s) => [s, s]));
registerEnumType(CaseStateEnum, { name: 'CaseState', description: 'Состояние дела КДН' });
export const ClosureReasonEnum = Object.fromEntries(CLOSURE_REASONS.map((s) => [s, s]));
registerEnumType(ClosureReasonEnum, {
  name: 'ClosureReason',
  description: 'Основание закрытия случая (снятия с учёта)',
  valuesConfig: {
    CHILD_DEATH: { description: 'Смерть несовершеннолетнего (Марий Эл, 6.4 в)' },
    PARENTS_DEATH: { description: 'Смерть родителей, иных законных представителей несовершеннолетнего (Марий Эл, 6.4 г)' },
    CIVIL_STATUS_CHANGED: { description: 'Изменение факта гражданского состояния (Мясниковский район, 5.8)' },
    OTHER: { description: 'Иные основания (Марий Эл, 6.4 е): укажите их в reasonNote' },
    DEATH: { description: 'Смерть ребёнка или родителей (прежнее общее основание)', deprecationReason: 'Разделено: CHILD_DEATH и PARENTS_DEATH' },
  },
});

export enum ConclusionKind {
  FAVOURABLE = 'FAVOURABLE',
  EARLY_STAGE = 'EARLY_STAGE',
  SOCIALLY_DANGEROUS = 'SOCIALLY_DANGEROUS',
}
registerEnumType(ConclusionKind, { name: 'ConclusionKind', description: 'Вывод заключения по проверке' });

export enum DangerLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
registerEnumType(DangerLevel, { name: 'DangerLevel', description: 'Уровень опасности (Марий Эл, п. 3.3)' });

export enum ResolutionKind {
  NO_INTERAGENCY_WORK = 'NO_INTERAGENCY_WORK',
  INDIVIDUAL_WORK = 'INDIVIDUAL_WORK',
  SOP = 'SOP',
}
registerEnumType(ResolutionKind, { name: 'ResolutionKind', description: 'Решение комиссии' });

export enum MeetingKind {
  REGULAR = 'REGULAR',
  EXTRAORDINARY = 'EXTRAORDINARY',
}
registerEnumType(MeetingKind, { name: 'MeetingKind', description: 'Заседание комиссии', valuesConfig: { REGULAR: { description: 'Очередное' }, EXTRAORDINARY: { description: 'Внеочередное' } } });

@ObjectType({ description: 'Предложенный по индикаторам уровень риска (окончательно решает специалист)' })
export class RiskSuggestionView {
  @Field()
  riskLevel: string;

  @Field()
  dangerLevel: string;

  @Field(() => [String], { description: 'Индикаторы, определившие уровень' })
  drivers: string[];
}

@ObjectType({ description: 'Дело КДН: от сигнала до закрытия' })
export class KdnCase {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Номер в журнале' })
  number: string;

  @Field(() => ID)
  childId: string;

  @Field({ description: 'ОКТМО' })
  municipality: string;

  @Field(() => CaseStateEnum)
  state: string;

  @Field(() => Urgency)
  urgency: string;

  @Field(() => LocalDate)
  receivedOn: string;

  @Field(() => SourceKind)
  sourceKind: string;

  @Field(() => RiskSuggestionView, { nullable: true })
  suggestedRisk: RiskSuggestionView | null;

  @Field(() => [Agency])
  checkAgencies: AgencyCode[];

  @Field(() => [ID], { description: 'Организации, которым назначена проверка (ОГРН)' })
  checkOrganisationIds: string[];

  @Field(() => ID, { nullable: true, description: 'Выявившая организация: чей сигнал зарегистрирован по делу (ОГРН)' })
  detectingOrganisationId: string | null;

  @Field(() => ID, { nullable: true, description: 'Основное ведомство по постановлению (ОГРН организации)' })
  leadOrganisationId: string | null;

  @Field(() => [ID], { description: 'Вспомогательные организации по постановлению (ОГРН)' })
  supportingOrganisationIds: string[];

  @Field(() => LocalDate, { nullable: true, description: 'Срок проверки (рабочие дни по правилам региона)' })
  checkDue: string | null;

  @Field({ description: 'Проверка не завершена в срок' })
  overdue: boolean;

  @Field(() => ConclusionKind, { nullable: true, description: 'Вывод заключения специалиста (окончательный)' })
  conclusionKind: string | null;

  @Field(() => ResolutionKind, { nullable: true })
  resolutionKind: string | null;

  @Field(() => [String], { description: 'Допустимые следующие действия' })
  allowedActions: string[];

  @Field(() => LocalDate, { nullable: true })
  closedOn: string | null;

  @Field(() => ClosureReasonEnum, { nullable: true })
  closureReason: string | null;

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => [SopCriterionView], { description: 'Критерии социально опасного положения, установленные действующим заключением' })
  sopCriteria: SopCriterionView[];

  @Field(() => RegistrationReasonView, { nullable: true, description: 'Причина постановки на учёт (постановление о признании СОП)' })
  registrationReason: RegistrationReasonView | null;

  @Field(() => DetectingBodyView, { description: 'Выявивший орган: источник сигнала, а не автор заключения' })
  detectingBody: DetectingBodyView;

  @Field(() => MemberInstructionView, { nullable: true, description: 'Поручение члену комиссии (низкий уровень риска, без постановления)' })
  instruction: MemberInstructionView | null;
}

@InputType({ description: 'Сигнал ведомства, по которому регистрируется дело' })
export class SignalRefInput {
  @Field(() => Agency)
  agency: AgencyCode;

  @Field(() => ID)
  signalId: string;
}

@ObjectType({ description: 'Входящий сигнал ведомства в журнале КДН (кто сообщил и насколько срочно; без описания)' })
export class IncomingSignal {
  @Field(() => Agency)
  agency: AgencyCode;

  @Field(() => ID)
  signalId: string;

  @Field(() => ID)
  childId: string;

  @Field(() => DateTime)
  observedAt: Date;

  @Field(() => SourceKind)
  sourceKind: string;

  @Field(() => Urgency)
  urgency: string;

  @Field({ description: 'Состояние сигнала у ведомства' })
  status: string;

  @Field(() => [String])
  indicatorCodes: string[];

  @Field(() => String, { nullable: true, description: 'Организация, сообщившая о сигнале' })
  reporterOrganisation: string | null;

  @Field(() => ID, { nullable: true, description: 'Дело, по которому сигнал зарегистрирован; пусто — ждёт регистрации' })
  caseId: string | null;

  @Field(() => String, { nullable: true })
  caseNumber: string | null;
}

@InputType()
export class RegisterInJournalInput {
  @Field(() => ID)
  childId: string;

  @Field(() => Urgency)
  urgency: string;

  @Field(() => LocalDate)
  receivedOn: string;

  @Field(() => SourceKind)
  sourceKind: string;

  @Field()
  summary: string;

  @Field(() => [String], { defaultValue: [] })
  indicatorCodes: string[];

  @Field(() => [SignalRefInput], { defaultValue: [], description: 'Входящие сигналы ведомств, по которым регистрируется дело' })
  signals: SignalRefInput[];
}

@InputType()
export class ConclusionInput {
  @Field(() => ConclusionKind)
  kind: ConclusionKind;

  @Field(() => DangerLevel)
  dangerLevel: DangerLevel;

  @Field()
  violationFound: boolean;

  @Field()
  childSafeNow: boolean;

  @Field()
  notes: string;

  @Field(() => [String], { nullable: true, description: 'Коды установленных критериев СОП (запрос sopCriteria): обязательны при выводе SOCIALLY_DANGEROUS, при ином выводе не указываются' })
  sopCriteria?: string[] | null;
}

@InputType()
export class ResolutionInput {
  @Field(() => ResolutionKind)
  kind: ResolutionKind;

  @Field({ description: 'Номер постановления' })
  number: string;

  @Field(() => LocalDate)
  date: string;

  @Field(() => String, { nullable: true, description: 'Куратор случая (учётная запись)' })
  curator?: string | null;

  @Field(() => Agency, { nullable: true, description: 'Основное ведомство по виду: его организация, обслуживающая территорию дела' })
  leadAgency?: AgencyCode | null;

  @Field(() => ID, { nullable: true, description: 'Основное ведомство: конкретная организация (ОГРН)' })
  leadOrganisationId?: string | null;

  @Field(() => [Agency], { defaultValue: [] })
  supportingAgencies: AgencyCode[];

  @Field(() => [ID], { nullable: true, description: 'Вспомогательные организации (ОГРН), в том числе без собственного подграфа' })
  supportingOrganisationIds?: string[] | null;

  @Field(() => Int, { defaultValue: 0 })
  termMonths: number;

  @Field(() => MeetingKind, { nullable: true, description: 'Заседание комиссии, на котором принято постановление: очередное или внеочередное' })
  meetingKind?: MeetingKind | null;

  @Field(() => String, { nullable: true, description: 'Номер протокола заседания' })
  protocolNumber?: string | null;

  @Field(() => [String], { nullable: true, description: 'Постановление о признании СОП: причина постановки на учёт — коды критериев СОП; если не указаны — критерии заключения' })
  sopCriteria?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Постановление о признании СОП: пояснение к причине постановки на учёт' })
  registrationReasonNote?: string | null;

  @Field(() => SopSubject, { nullable: true, description: 'Кто признаётся находящимся в СОП: семья (по умолчанию) или несовершеннолетний; ребёнок вне семьи банка — всегда несовершеннолетний' })
  sopSubject?: SopSubject | null;
}

// The monitoring report's types: reports/types/monitoring-report.types.ts.

@ObjectType({ description: 'Уведомление ведомству или КДН (номер дела и что сделать, без персональных данных)' })
export class Notification {
  @Field(() => ID)
  id: string;

  @Field({
    description:
      'CHECK_ASSIGNED, RESOLUTION, PROGRAMME_ROW_PLANNED, PROGRAMME_APPROVED, CASE_RECORD_<вид>, CASE_CLOSED, SIGNAL_MATCH; сообщившей организации: SIGNAL_REGISTERED, SIGNAL_CHECK_ASSIGNED, SIGNAL_RESOLVED, SIGNAL_CASE_CLOSED; куратору: CASE_SIGNAL_REPORTED, CASE_EMERGENCY_ACCESS. Напоминания о сроках — запрос dueReminders',
  })
  kind: string;

  @Field(() => String, { nullable: true, description: 'Место в ленте: inbox(after: cursor) продолжает после него, markNotificationsRead(upTo: cursor) отмечает прочитанным всё до него' })
  cursor: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Прочитано (отметки человека; для системы — отметки её организации)' })
  read: boolean | null;

  @Field(() => ID, { nullable: true })
  caseId: string | null;

  @Field(() => ID, { nullable: true, description: 'Ребёнок, о котором совпали сигналы ведомств (только идентификатор)' })
  childId: string | null;

  @Field()
  message: string;

  @Field(() => DateTime)
  createdAt: Date;
}
