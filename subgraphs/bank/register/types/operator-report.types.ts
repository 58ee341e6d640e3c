import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTime, LocalDate } from '../../../../schema/scalars';

@ObjectType({ description: 'Отметка о передаче оператором банка данных ежеквартальной информации (списков) на региональный уровень' })
export class OperatorReport {
  @Field(() => ID)
  id: string;

  @Field({ description: 'ОКТМО муниципального образования' })
  municipality: string;

  @Field(() => Int, { description: 'Год отчётного квартала' })
  year: number;

  @Field(() => Int, { description: 'Отчётный квартал (1–4)' })
  quarter: number;

  @Field(() => LocalDate, { description: 'Дата передачи' })
  submittedOn: string;

  @Field({ description: 'Исходящий номер (реквизиты) документа' })
  documentRef: string;

  @Field({ description: 'Кто внёс отметку (учётная запись)' })
  submittedBy: string;

  @Field(() => ID, { nullable: true, description: 'Организация оператора (ОГРН)' })
  organisationId: string | null;

  @Field(() => DateTime)
  createdAt: Date;
}

@InputType({ description: 'Передача ежеквартальной информации оператора банка данных (Мясниковский район, п. 5.9; Марий Эл, п. 5.6, приложение № 7)' })
export class RecordOperatorReportInput {
  @Field({ description: 'ОКТМО муниципального образования' })
  municipality: string;

  @Field(() => Int, { description: 'Год отчётного квартала' })
  year: number;

  @Field(() => Int, { description: 'Отчётный квартал (1–4)' })
  quarter: number;

  @Field(() => LocalDate, { description: 'Дата передачи (не позже сегодняшней, не раньше последнего дня квартала)' })
  submittedOn: string;

  @Field({ description: 'Исходящий номер (реквизиты) документа' })
  documentRef: string;
}
