import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgencyCode } from '../../../../auth/principal';
import { Agency, OrganisationType } from '../../../../schema/enums';
import { DateTime, LocalDate } from '../../../../schema/scalars';
import {
  CASE_RECORD_KINDS,
  CaseRecordKind,
  DUE_ITEM_KINDS,
  DueItemKind,
  FAMILY_REACTIONS,
  PATRONAGE_KINDS,
  REHABILITATION_POTENTIALS,
  REHABILITATION_STAGES,
  REVIEW_OUTCOMES,
} from '../workflow/case-records';
import { DueAddressee } from '../workflow/case-records';
import { DueAddresseeEnum } from './programme-proposal.types';
import { InformationMessageKindEnum } from './case-messages.types';

// Every value equals its name: the subgraph schema is printed and rebuilt, and only names survive.
const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const CaseRecordKindEnum = enumOf(CASE_RECORD_KINDS);
registerEnumType(CaseRecordKindEnum, {
  name: 'CaseRecordKind',
  description: 'Вид записи по случаю',
  valuesConfig: {
    PATRONAGE_SHEET: { description: 'Патронажный лист вспомогательного ведомства (ежемесячно, до 10 числа следующего месяца)' },
    QUARTERLY_REPORT: { description: 'Ежеквартальный отчёт основного ведомства в КДН' },
    LIVING_CONDITIONS_SURVEY: { description: 'Обследование условий жизни (не реже раза в 3 месяца)' },
    PROGRAMME_REVIEW: { description: 'Пересмотр программы КДН (через 6 месяцев после утверждения)' },
    CONSILIUM: { description: 'Социально-реабилитационный консилиум' },
    INFORMATION_MESSAGE: { description: 'Информационное сообщение в КДН о постановке семьи на учёт или снятии (Приморский край, приложение 3): recordInformationMessage' },
    FAMILY_INFORMED: { description: 'Уведомление несовершеннолетнего и родителей о снятии с учёта (Марий Эл, 6.5): recordFamilyInformed' },
  },
});

/** Items owed without a case: the data bank operator's quarterly report (register/services/operator-report.service.ts). */
export const REGISTER_DUE_ITEM_KINDS = ['OPERATOR_QUARTERLY_REPORT'] as const;
export type AnyDueItemKind = DueItemKind | (typeof REGISTER_DUE_ITEM_KINDS)[number];
export const DueItemKindEnum = enumOf<AnyDueItemKind>([...DUE_ITEM_KINDS, ...REGISTER_DUE_ITEM_KINDS]);
registerEnumType(DueItemKindEnum, {
  name: 'DueItemKind',
  description: 'Что должно быть сделано по случаю или по банку данных',
  valuesConfig: {
    CHECK: { description: 'Проверка сигнала' },
    CONCLUSION: { description: 'Заключение по результатам проверки в КДН (в течение 3 рабочих дней, Приморский край, 5.3)' },
    PROGRAMME_PROPOSALS: { description: 'Предложения организации в программу куратору (до срока проекта программы)' },
    PROGRAMME_DRAFT: { description: 'Проект программы куратора (14 дней от постановления)' },
    PROGRAMME_ROW: { description: 'Мероприятие программы' },
    PATRONAGE_SHEET: { description: 'Патронажный лист' },
    QUARTERLY_REPORT: { description: 'Ежеквартальный отчёт' },
    LIVING_CONDITIONS_SURVEY: { description: 'Обследование условий жизни' },
    PROGRAMME_REVIEW: { description: 'Пересмотр программы КДН' },
    TAKEN_ON_MESSAGE: { description: 'Информационное сообщение о постановке семьи на учёт (обслуживание): 10 рабочих дней от постановления (Приморский край, 5.4)' },
    TAKEN_OFF_MESSAGE: { description: 'Информационное сообщение о снятии семьи с учёта (обслуживания): 3 рабочих дня (Приморский край, 5.6)' },
    FAMILY_INFORMED: { description: 'Уведомление несовершеннолетнего и родителей о снятии с учёта (Марий Эл, 6.5)' },
    DETECTING_BODY_REPORT: {
      description:
        'Представление выявившего органа в КДН: не позднее 3 календарных дней после выявления (Мясниковский район, 5.3); снимается подачей представления (filePetition, REGISTRATION) по делу',
    },
    OPERATOR_QUARTERLY_REPORT: {
      description:
        'Ежеквартальная информация оператора банка данных на региональный уровень: не позднее 10 числа месяца, следующего за отчетным (Мясниковский район, 5.9; Марий Эл, 5.6); без дела, снимается отметкой recordOperatorReport',
    },
  },
});

export const RehabilitationStageEnum = enumOf(REHABILITATION_STAGES);
registerEnumType(RehabilitationStageEnum, { name: 'RehabilitationStage', description: 'Этап реабилитации: начальный, основной, заключительный' });

export const RehabilitationPotentialEnum = enumOf(REHABILITATION_POTENTIALS);
registerEnumType(RehabilitationPotentialEnum, { name: 'RehabilitationPotential', description: 'Уровень реабилитационного потенциала: высокий, средний, низкий' });

export const FamilyReactionEnum = enumOf(FAMILY_REACTIONS);
registerEnumType(FamilyReactionEnum, {
  name: 'FamilyReaction',
  description: 'Реакция членов семьи на вмешательство (Марий Эл, приложение 4)',
  valuesConfig: {
    AGGRESSIVE_REFUSAL: { description: 'Агрессивный отказ от контакта' },
    PASSIVE_UNCERTAIN: { description: 'Пассивное реагирование, неопределённость на предложение помощи' },
    DEPRESSED_COMPLIANT: { description: 'Подавленность, согласие на всё' },
    CALM: { description: 'Спокойное реагирование' },
    READY_TO_COOPERATE: { description: 'Готовность к сотрудничеству в разрешении проблем семьи' },
    ACTIVE_COOPERATION: { description: 'Активное сотрудничество в разрешении проблем семьи' },
  },
});

export const PatronageKindEnum = enumOf(PATRONAGE_KINDS);
registerEnumType(PatronageKindEnum, { name: 'PatronageKind', description: 'Вид патронажа: экстренный, срочный, периодический, контрольный' });

export const ReviewOutcomeEnum = enumOf(REVIEW_OUTCOMES);
registerEnumType(ReviewOutcomeEnum, {
  name: 'ReviewOutcome',
  description: 'Оценка результатов программы',
  valuesConfig: {
    FULL: { description: 'Достигнута полная реабилитация' },
    PARTIAL: { description: 'Восстановление частичное' },
    NONE: { description: 'Положительные результаты отсутствуют' },
  },
});

@ObjectType({ description: 'Строка программы: проблема -> задача -> мероприятие (исполнитель, срок) -> исполнение' })
export class ProgrammeRow {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'Номер строки в программе' })
  rowNo: number;

  @Field({ description: 'Проблема (характеристика ситуации)' })
  problem: string;

  @Field({ description: 'Задача' })
  task: string;

  @Field({ description: 'Планируемое мероприятие' })
  measure: string;

  @Field(() => Agency, { description: 'Ведомство-исполнитель' })
  executorAgency: AgencyCode;

  @Field(() => ID, { nullable: true, description: 'Организация-исполнитель (ОГРН)' })
  executorOrganisation: string | null;

  @Field(() => LocalDate, { description: 'Срок' })
  dueDate: string;

  @Field(() => ID, { nullable: true, description: 'Мероприятие ведомства, которым строка исполняется' })
  measureId: string | null;

  @Field(() => String, { nullable: true, description: 'Состояние мероприятия по сведениям ведомства' })
  measureStatus: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата исполнения' })
  doneOn: string | null;

  @Field(() => String, { nullable: true, description: 'Что сделано' })
  result: string | null;

  @Field(() => String, { nullable: true, description: 'Кто исполнил' })
  executor: string | null;

  @Field({ description: 'Срок прошёл, мероприятие не исполнено' })
  overdue: boolean;

  @Field(() => String, { nullable: true, description: 'Кто внёс строку (учётная запись)' })
  createdBy: string | null;

  @Field(() => DateTime)
  createdAt: Date;
}

@ObjectType({ description: 'Сведения записи: реабилитационный потенциал, реакция семьи, вид патронажа, оценка результатов' })
export class CaseRecordDetails {
  @Field(() => RehabilitationStageEnum, { nullable: true, description: 'Этап, к которому относится потенциал' })
  rehabilitationStage: string | null;

  @Field(() => RehabilitationPotentialEnum, { nullable: true })
  rehabilitationPotential: string | null;

  @Field(() => FamilyReactionEnum, { nullable: true })
  familyReaction: string | null;

  @Field(() => PatronageKindEnum, { nullable: true })
  patronageKind: string | null;

  @Field(() => ReviewOutcomeEnum, { nullable: true })
  reviewOutcome: string | null;

  @Field(() => InformationMessageKindEnum, { nullable: true, description: 'Информационное сообщение: поставлена на учёт или снята' })
  messageKind: string | null;

  @Field(() => String, { nullable: true, description: 'Уведомление семьи: способ направления' })
  means: string | null;

  @Field(() => String, { nullable: true, description: 'Исходящий номер сообщения (уведомления)' })
  documentRef: string | null;
}

@ObjectType({ description: 'Запись по случаю: патронажный лист, отчёт, обследование, пересмотр программы, консилиум' })
export class CaseRecord {
  @Field(() => ID)
  id: string;

  @Field(() => CaseRecordKindEnum)
  kind: CaseRecordKind;

  @Field(() => Agency, { nullable: true, description: 'Ведомство, составившее запись (КДН — для пересмотра и консилиума)' })
  agency: AgencyCode | null;

  @Field(() => LocalDate, { nullable: true, description: 'Начало отчётного периода' })
  periodFrom: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Конец отчётного периода' })
  periodTo: string | null;

  @Field(() => LocalDate, { description: 'Дата составления' })
  recordedOn: string;

  @Field({ description: 'Содержание, выводы' })
  summary: string;

  @Field(() => CaseRecordDetails)
  details: CaseRecordDetails;

  @Field(() => String, { nullable: true, description: 'Кто внёс (учётная запись)' })
  recordedBy: string | null;

  @Field(() => DateTime)
  createdAt: Date;
}

@ObjectType({ description: 'Что должно быть сделано по открытому случаю или по банку данных территории и к какому сроку' })
export class DueItem {
  @Field(() => ID, { nullable: true, description: 'Дело; пусто для пункта без дела (отчёт оператора банка данных)' })
  caseId: string | null;

  @Field(() => String, { nullable: true, description: 'Номер дела в журнале; пусто для пункта без дела' })
  caseNumber: string | null;

  @Field({ description: 'ОКТМО муниципального образования дела или банка данных' })
  municipality: string;

  @Field(() => DueItemKindEnum)
  kind: AnyDueItemKind;

  // A supporting organisation may be of a type without a subgraph (youth, NGO): the wider enum.
  @Field(() => OrganisationType, { description: 'Вид ответственной организации или КДН' })
  agency: AgencyCode;

  @Field(() => ID, { nullable: true, description: 'Ответственная организация (ОГРН)' })
  organisationId: string | null;

  @Field(() => String, { nullable: true, description: 'Куратор случая (учётная запись)' })
  curator: string | null;

  @Field(() => LocalDate, { description: 'Срок (календарная дата)' })
  dueOn: string;

  @Field({ description: 'Срок прошёл' })
  overdue: boolean;

  @Field(() => Int, { nullable: true, description: 'Номер строки программы (для мероприятий)' })
  rowNo: number | null;

  @Field(() => DueAddresseeEnum, { description: 'Кому адресован пункт: куратор, КДН или организация в своей роли по делу' })
  addressee: DueAddressee | 'DATA_BANK_OPERATOR';

  @Field({ description: 'Срок предварительный: посчитан в рабочих днях через год, для которого постановление о переносе выходных дней не учтено (или года нет в календаре)' })
  provisional: boolean;

  @Field(() => String, { nullable: true, description: 'Почему срок предварительный; пусто — срок окончательный' })
  provisionalReason: string | null;
}

@InputType({ description: 'Строка программы' })
export class AddProgrammeRowInput {
  @Field({ description: 'Проблема (характеристика ситуации)' })
  problem: string;

  @Field({ description: 'Задача' })
  task: string;

  @Field({ description: 'Планируемое мероприятие' })
  measure: string;

  @Field(() => Agency, { nullable: true, description: 'Ведомство-исполнитель: основное или вспомогательное по постановлению (его организация по делу)' })
  executorAgency?: AgencyCode | null;

  @Field(() => ID, { nullable: true, description: 'Организация-исполнитель (ОГРН): основная или вспомогательная по постановлению' })
  executorOrganisationId?: string | null;

  @Field(() => LocalDate, { description: 'Срок' })
  dueDate: string;
}

@InputType({ description: 'Сведения записи' })
export class CaseRecordDetailsInput {
  @Field(() => RehabilitationStageEnum, { nullable: true })
  rehabilitationStage?: string | null;

  @Field(() => RehabilitationPotentialEnum, { nullable: true })
  rehabilitationPotential?: string | null;

  @Field(() => FamilyReactionEnum, { nullable: true })
  familyReaction?: string | null;

  @Field(() => PatronageKindEnum, { nullable: true, description: 'Обязателен для патронажного листа' })
  patronageKind?: string | null;

  @Field(() => ReviewOutcomeEnum, { nullable: true, description: 'Обязателен для пересмотра программы' })
  reviewOutcome?: string | null;
}

@InputType({ description: 'Запись по случаю' })
export class CaseRecordInput {
  @Field(() => CaseRecordKindEnum)
  kind: CaseRecordKind;

  @Field(() => LocalDate, { nullable: true, description: 'Начало отчётного периода (обязательно для листа и отчёта)' })
  periodFrom?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Конец отчётного периода (обязательно для листа и отчёта)' })
  periodTo?: string | null;

  @Field(() => LocalDate, { description: 'Дата составления' })
  recordedOn: string;

  @Field({ description: 'Содержание, выводы' })
  summary: string;

  @Field(() => CaseRecordDetailsInput, { nullable: true })
  details?: CaseRecordDetailsInput | null;
}
