import { Field, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../../schema/scalars';

@ObjectType({ description: 'Строка отчёта мониторинга' })
export class ReportRowView {
  @Field()
  code: string;

  @Field({ description: 'Показатель (как в приложении 4)' })
  caption: string;

  @Field(() => Int, { nullable: true, description: 'Количество: по сигналам — несовершеннолетних, в остальных строках — то, что считает строка' })
  value: number | null;

  @Field(() => Int, { nullable: true, description: 'Сообщений (только строки сигналов по источникам): сообщение считается один раз, сколько бы детей в нём ни было' })
  messages: number | null;

  @Field(() => String, { nullable: true, description: 'Расшифровка «(указать)»: источники, основания, организации' })
  note?: string | null;
}

@ObjectType({ description: 'Сообщения и несовершеннолетние по источнику сообщения' })
export class SourceFigureView {
  @Field({ description: 'Код источника (SourceKind)' })
  sourceKind: string;

  @Field()
  caption: string;

  @Field(() => Int)
  messages: number;

  @Field(() => Int)
  minors: number;
}

@ObjectType({ description: 'Мониторинг реализации межведомственного взаимодействия по раннему выявлению и работе со случаем нарушения прав ребенка (Приморский край, приложение 4)' })
export class MonitoringReport {
  @Field(() => String, { nullable: true, description: 'Муниципальное образование (ОКТМО), если отчёт по нему' })
  municipality: string | null;

  @Field(() => String, { nullable: true, description: 'Регион (код), если отчёт по региону' })
  region: string | null;

  @Field(() => [String], { description: 'Муниципальные образования, вошедшие в отчёт' })
  municipalities: string[];

  @Field(() => LocalDate, { description: 'Начало периода (для нарастающего итога — 1 января)' })
  from: string;

  @Field(() => LocalDate)
  to: string;

  @Field({ description: 'С нарастающим итогом с начала года' })
  cumulative: boolean;

  @Field(() => [ReportRowView])
  rows: ReportRowView[];

  @Field(() => [SourceFigureView], { description: 'Сообщения и несовершеннолетние по каждому источнику' })
  sources: SourceFigureView[];

  @Field({ description: 'Тот же отчёт в CSV: UTF-8 с BOM, разделитель «;», строки через CRLF, заголовки на русском, ячейки с =, +, -, @ в начале обезврежены апострофом' })
  csv: string;

  @Field({ description: 'Тот же отчёт в XLSX, base64: количества — числа, закреплённая строка заголовков; второй лист — источники сообщений' })
  xlsxBase64: string;
}
