import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { SourceKind, Urgency } from '../../../../schema/enums';
import { LocalDate } from '../../../../schema/scalars';
import { SignalRefInput } from './kdn-case.types';

@InputType({ description: 'Ребёнок, названный в сообщении' })
export class MessageChildInput {
  @Field(() => ID)
  childId: string;

  @Field(() => [String], { defaultValue: [] })
  indicatorCodes: string[];

  @Field(() => [SignalRefInput], { defaultValue: [], description: 'Входящие сигналы ведомств об этом ребёнке, из которых составлено сообщение' })
  signals: SignalRefInput[];
}

@InputType({ description: 'Сообщение о нарушении прав и законных интересов несовершеннолетних: одна запись журнала, один или несколько детей' })
export class RegisterMessageInput {
  @Field(() => Urgency)
  urgency: string;

  @Field(() => LocalDate, { description: 'Дата поступления сигнала' })
  receivedOn: string;

  @Field(() => SourceKind, { description: 'Источник сообщения (строка отчёта мониторинга)' })
  sourceKind: string;

  @Field({ description: 'Краткое содержание сообщения' })
  summary: string;

  @Field(() => String, { nullable: true, description: 'От кого поступил сигнал (как записано в журнале)' })
  reporter?: string | null;

  @Field(() => ID, { nullable: true, description: 'Сообщившая организация (ОГРН из реестра); если не указана — организация первого сигнала ведомства' })
  reportingOrganisationId?: string | null;

  @Field(() => [MessageChildInput], { description: 'Дети, названные в сообщении (не более 30)' })
  children: MessageChildInput[];
}

@ObjectType({ description: 'Ребёнок сообщения и его дело' })
export class MessageChild {
  @Field(() => ID)
  childId: string;

  @Field(() => ID)
  caseId: string;

  @Field()
  caseNumber: string;

  @Field({ description: 'Сообщение открыло дело (false — добавлено к делу, уже открытому по ребёнку)' })
  openedCase: boolean;
}

@ObjectType({ description: 'Сообщение в журнале КДН' })
export class JournalMessage {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Номер сообщения в журнале' })
  number: string;

  @Field()
  municipality: string;

  @Field(() => LocalDate)
  receivedOn: string;

  @Field(() => SourceKind)
  sourceKind: string;

  @Field(() => String, { nullable: true, description: 'Сообщившая организация (ОГРН)' })
  reportingOrganisation: string | null;

  @Field(() => [MessageChild])
  children: MessageChild[];
}
