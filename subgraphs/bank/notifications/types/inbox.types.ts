import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AgencyCode } from '../../../../auth/principal';
import { Agency } from '../../../../schema/enums';
import { DateTime, LocalDate } from '../../../../schema/scalars';
import { Notification } from '../../cases/types/kdn-case.types';

@ObjectType({ description: 'Страница ленты уведомлений: по порядку записи, с курсором продолжения' })
export class NotificationPage {
  @Field(() => [Notification])
  notifications: Notification[];

  @Field({ description: 'Курсор продолжения: передайте его в after следующего запроса (и сохраните, чтобы продолжить после перерыва)' })
  endCursor: string;

  @Field({ description: 'Есть ли уже записанные уведомления после этой страницы' })
  hasNextPage: boolean;

  @Field(() => Int, { description: 'Непрочитанных уведомлений всего (для человека — его отметки, для системы — отметки организации)' })
  unreadCount: number;
}

@ObjectType({ description: 'Напоминание о сроке: вычисляется по делам на момент запроса, не хранится и в ленту уведомлений не входит' })
export class DueReminder {
  @Field(() => ID)
  id: string;

  @Field({ description: 'CHECK_OVERDUE (просрочена проверка), OVERDUE (просрочено), DUE_SOON (срок в ближайшие 3 дня)' })
  kind: string;

  @Field(() => ID)
  caseId: string;

  @Field()
  caseNumber: string;

  @Field(() => LocalDate, { description: 'Срок' })
  dueOn: string;

  @Field()
  message: string;
}

@ObjectType({ description: 'Шаг судьбы сигнала: что сделано по делу и когда' })
export class SignalFateStep {
  @Field({
    description:
      'register, assignCheck, recordConclusion, recordResolution, approveProgramme, closeCase; исправления: annulRegistration, mergeCases, correctRegistration, extendCheck, returnConclusion, amendProgramme, changeTerm, reopenCase',
  })
  action: string;

  @Field({ description: 'Что сделано' })
  caption: string;

  @Field(() => DateTime)
  at: Date;
}

@ObjectType({
  description: 'Судьба сигнала для сообщившей организации: зарегистрирован ли и под каким номером, проверка, постановление, закрытие и причина; без содержания проверки и сведений о семье',
})
export class SignalFate {
  @Field(() => Agency)
  agency: AgencyCode;

  @Field(() => ID)
  signalId: string;

  @Field({ description: 'Зарегистрирован ли сигнал в журнале КДН' })
  registered: boolean;

  @Field(() => String, { nullable: true, description: 'Номер дела в журнале' })
  caseNumber: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата поступления по журналу' })
  receivedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Состояние дела' })
  state: string | null;

  @Field(() => String, { nullable: true, description: 'Состояние дела словами' })
  stateCaption: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Срок проверки' })
  checkDue: string | null;

  @Field(() => String, { nullable: true, description: 'Номер постановления КДН' })
  resolutionNumber: string | null;

  @Field(() => LocalDate, { nullable: true })
  resolutionDate: string | null;

  @Field(() => String, { nullable: true, description: 'NO_INTERAGENCY_WORK, INDIVIDUAL_WORK, SOP' })
  resolutionKind: string | null;

  @Field(() => String, { nullable: true, description: 'Решение словами' })
  resolutionCaption: string | null;

  @Field(() => LocalDate, { nullable: true })
  closedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Причина закрытия (код)' })
  closureReason: string | null;

  @Field(() => String, { nullable: true, description: 'Причина закрытия словами' })
  closureCaption: string | null;

  @Field(() => [SignalFateStep], { description: 'Шаги по делу по порядку' })
  steps: SignalFateStep[];
}
