import { Field, InputType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../../../../schema/scalars';
import { INFORMATION_MESSAGE_CAPTIONS, INFORMATION_MESSAGE_KINDS, InformationMessageKind } from '../workflow/case-records';

export const InformationMessageKindEnum = Object.fromEntries(INFORMATION_MESSAGE_KINDS.map((k) => [k, k])) as { [K in InformationMessageKind]: K };
registerEnumType(InformationMessageKindEnum, {
  name: 'InformationMessageKind',
  description: 'Информационное сообщение (Приморский край, приложение 3): семья поставлена на учёт или снята с учёта',
  valuesConfig: {
    TAKEN_ON: { description: `Семья ${INFORMATION_MESSAGE_CAPTIONS.TAKEN_ON} (в течение 10 рабочих дней, п. 5.4)` },
    TAKEN_OFF: { description: `Семья ${INFORMATION_MESSAGE_CAPTIONS.TAKEN_OFF}, с указанием причины (в течение 3 рабочих дней, п. 5.6)` },
  },
});

@InputType({ description: 'Информационное сообщение в КДН (Приморский край, приложение 3)' })
export class InformationMessageInput {
  @Field(() => InformationMessageKindEnum)
  messageKind: InformationMessageKind;

  @Field(() => LocalDate, { description: 'Дата направления сообщения' })
  sentOn: string;

  @Field(() => String, { nullable: true, description: 'Исходящий номер сообщения' })
  documentRef?: string | null;

  @Field({ description: 'Содержание: наименование органа, вид учёта (обслуживания), для снятия — причина' })
  summary: string;
}

@InputType({ description: 'Уведомление несовершеннолетнего и родителей о снятии с учёта (Марий Эл, 6.5)' })
export class FamilyInformedInput {
  @Field(() => LocalDate, { description: 'Дата направления (вручения) уведомления' })
  sentOn: string;

  @Field({ description: 'Способ: почтовым отправлением, лично под подпись, по электронной почте' })
  means: string;

  @Field(() => String, { nullable: true, description: 'Исходящий номер уведомления' })
  documentRef?: string | null;

  @Field({ description: 'Что сообщено: решение, его номер и дата, кому' })
  summary: string;
}
