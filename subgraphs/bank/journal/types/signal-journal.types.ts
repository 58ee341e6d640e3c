import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../../../../schema/scalars';

// Every value equals its name: the subgraph schema is printed and rebuilt, and only names survive.
export const SignalJournalFormEnum = { PRIMORSKY_APPENDIX_1: 'PRIMORSKY_APPENDIX_1', MARI_EL_APPENDIX_1: 'MARI_EL_APPENDIX_1' } as const;
registerEnumType(SignalJournalFormEnum, {
  name: 'SignalJournalForm',
  description: 'Форма журнала по региону муниципального образования',
  valuesConfig: {
    PRIMORSKY_APPENDIX_1: { description: 'Приморский край, приложение 1: журнал текущего мониторинга КДН по работе с сигналами (все регионы, кроме Марий Эл)' },
    MARI_EL_APPENDIX_1: { description: 'Марий Эл, приложение № 1: журнал первичного учета поступающей информации о семьях и несовершеннолетних' },
  },
});

@ObjectType({ description: 'Строка журнала: ребёнок, названный в сообщении (сообщение о нескольких детях — по строке на ребёнка под одним номером)' })
export class SignalJournalRow {
  @Field(() => Int, { description: '№ п/п: сообщение по порядку номеров журнала за период' })
  no: number;

  @Field({ description: 'Номер сообщения в журнале' })
  messageNumber: string;

  @Field({ description: 'Номер дела КДН по ребёнку' })
  caseNumber: string;

  @Field(() => ID)
  childId: string;

  @Field(() => LocalDate, { description: 'Дата поступления сигнала (информации)' })
  receivedOn: string;

  @Field({ description: 'От кого поступил сигнал' })
  from: string;

  @Field({ description: 'Ф.И.О. ребёнка' })
  childName: string;

  @Field(() => LocalDate, { description: 'Дата рождения ребёнка' })
  childBirthDate: string;

  @Field(() => Int, { description: 'Возраст на дату поступления' })
  childAge: number;

  @Field({ description: 'Адрес места жительства (регистрации)' })
  address: string;

  @Field({ description: 'Ф.И.О. родителей (законных представителей)' })
  parents: string;

  @Field({ description: 'Проверка сигнала: дата, специалисты либо название организации' })
  check: string;

  @Field(() => String, { nullable: true, description: 'Заключение' })
  conclusion: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата постановки на учёт' })
  registeredOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата снятия с учёта' })
  removedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Основание снятия с учёта' })
  removalReason: string | null;

  @Field({ description: 'Проблема и необходимая помощь (содержание сообщения)' })
  problem: string;

  @Field({ description: 'Результат' })
  result: string;
}

@ObjectType({ description: 'Журнал сигналов КДН за период по форме региона (Приморский край, приложение 1; Марий Эл, приложение № 1)' })
export class SignalJournal {
  @Field({ description: 'ОКТМО муниципального образования' })
  municipality: string;

  @Field(() => LocalDate)
  from: string;

  @Field(() => LocalDate)
  to: string;

  @Field(() => SignalJournalFormEnum)
  form: string;

  @Field({ description: 'Заголовок формы, как в приложении' })
  title: string;

  @Field(() => [SignalJournalRow], { description: 'Строки в порядке номеров журнала' })
  rows: SignalJournalRow[];

  @Field({ description: 'Журнал в CSV: UTF-8 с BOM, «;», CRLF, заголовки формы, даты ДД.ММ.ГГГГ, ячейки с =, +, -, @ в начале обезврежены' })
  csv: string;

  @Field({ description: 'Журнал в XLSX, base64: даты — настоящие даты, закреплённая строка заголовков' })
  xlsxBase64: string;
}
