import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { LocalDate } from '../../../../schema/scalars';
import { CORRECTIONS, CORRECTIONS_LIST } from '../workflow/case-corrections';
import { AddProgrammeRowInput } from './programme.types';

export const CaseCorrectionEnum = Object.fromEntries(CORRECTIONS_LIST.map((c) => [c, c]));
registerEnumType(CaseCorrectionEnum, {
  name: 'CaseCorrection',
  description: 'Исправление дела КДН (с обоснованием, в истории дела)',
  valuesConfig: Object.fromEntries(CORRECTIONS_LIST.map((c) => [c, { description: CORRECTIONS[c].caption }])),
});

@InputType({ description: 'Исправление регистрации: дата поступления и (или) содержание сигнала; прежние значения остаются в истории дела' })
export class CorrectRegistrationInput {
  @Field(() => LocalDate, { nullable: true, description: 'Верная дата поступления сигнала; срок проверки пересчитывается по правилам региона' })
  receivedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Верное краткое содержание сигнала' })
  summary?: string | null;

  @Field({ description: 'Обоснование исправления' })
  reason: string;
}

@InputType({ description: 'Изменение утверждённой программы: новая редакция' })
export class AmendProgrammeInput {
  @Field(() => [AddProgrammeRowInput], { defaultValue: [], description: 'Добавляемые мероприятия' })
  addRows: AddProgrammeRowInput[];

  @Field(() => [Int], { defaultValue: [], description: 'Номера отменяемых мероприятий (строки остаются с отметкой об отмене)' })
  cancelRowNos: number[];

  @Field({ description: 'Обоснование изменения' })
  reason: string;
}

@InputType({ description: 'Продление или сокращение срока работы по случаю: новый срок в месяцах от постановления или дата окончания' })
export class ChangeTermInput {
  @Field(() => Int, { nullable: true, description: 'Срок в месяцах от даты постановления (1–36)' })
  termMonths?: number | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата окончания работы по случаю' })
  endsOn?: string | null;

  @Field({ description: 'Обоснование' })
  reason: string;
}
