import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgencyCode } from '../../../../auth/principal';
import { Agency } from '../../../../schema/enums';
import { LocalDate } from '../../../../schema/scalars';
import { DISCREPANCY_CAPTIONS, DiscrepancyKind } from '../services/reconciliation.service';

export const DiscrepancyKindEnum = Object.fromEntries(Object.keys(DISCREPANCY_CAPTIONS).map((k) => [k, k]));
registerEnumType(DiscrepancyKindEnum, {
  name: 'RegisterDiscrepancyKind',
  description: 'Вид расхождения банка данных СОП с учётом ведомства',
  valuesConfig: Object.fromEntries(Object.entries(DISCREPANCY_CAPTIONS).map(([k, caption]) => [k, { description: caption }])),
});

@ObjectType({ description: 'Списки несовершеннолетних и (или) семей, находящихся в СОП, за квартал (Республика Марий Эл, приложение № 8)' })
export class QuarterlyRegisterList {
  @Field({ description: 'ОКТМО муниципального образования' })
  municipality: string;

  @Field(() => Int)
  year: number;

  @Field(() => Int, { description: 'Квартал, 1..4' })
  quarter: number;

  @Field(() => LocalDate, { description: 'Первый день квартала' })
  from: string;

  @Field(() => LocalDate, { description: 'Последний день квартала' })
  to: string;

  @Field(() => [String], { description: 'Заголовки граф приложения № 8 (дословно)' })
  headings: string[];

  @Field(() => [[String]], { nullable: 'items', description: 'Строки списка по графам; пусто — сведений в хабе нет (см. notes)' })
  rows: Array<Array<string | null>>;

  @Field({ description: 'Список в CSV: UTF-8 с BOM, разделитель «;», строки через CRLF, заголовки на русском, даты ДД.ММ.ГГГГ, ячейки с =, +, -, @ в начале обезврежены апострофом' })
  csv: string;

  @Field({ description: 'Список в XLSX, base64: лист списка (даты — даты, закреплённая строка заголовков) и лист пояснений' })
  xlsxBase64: string;

  @Field(() => [String], { description: 'Пояснения: чего хаб не ведёт и что не заполнено' })
  notes: string[];
}

@ObjectType({ description: 'Расхождение банка данных СОП с учётом ведомства' })
export class RegisterDiscrepancy {
  @Field(() => Agency)
  agency: AgencyCode;

  @Field(() => DiscrepancyKindEnum)
  kind: DiscrepancyKind;

  @Field({ description: 'Пояснение на русском' })
  explanation: string;

  @Field(() => ID)
  childId: string;

  @Field({ description: 'ФИО несовершеннолетнего' })
  childFullName: string;

  @Field(() => LocalDate)
  childBirthDate: string;

  @Field(() => ID, { nullable: true, description: 'Семья в банке данных' })
  familyId: string | null;

  @Field(() => String, { nullable: true, description: 'Номер дела КДН' })
  caseNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Вид учёта в ведомстве (POLICE_JUVENILE, SCHOOL_INTERNAL ...)' })
  registrationKind: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата постановки на учёт в ведомстве' })
  agencyRegisteredOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата постановки в банк данных' })
  bankIncludedOn: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата снятия с учёта в банке данных' })
  bankRemovedOn: string | null;
}

@ObjectType({ description: 'Итоги сверки по ведомству' })
export class RegisterReconciliationSummary {
  @Field(() => Agency)
  agency: AgencyCode;

  @Field(() => Int, { description: 'нет постановки на учёт в ведомстве' })
  missingRegistration: number;

  @Field(() => Int, { description: 'ведомство ведёт учёт, в банке данных семьи нет' })
  notInRegister: number;

  @Field(() => Int, { description: 'снят с учёта в банке, ведомство учёт не закрыло' })
  removedButOpen: number;

  @Field(() => Int)
  total: number;
}

@ObjectType({ description: 'Открытый учёт ведомства, не являющийся учётом в социально опасном положении: не расхождение, приводится отдельно' })
export class RegisterOtherRegistration {
  @Field(() => Agency)
  agency: AgencyCode;

  @Field(() => ID)
  childId: string;

  @Field()
  childFullName: string;

  @Field(() => LocalDate)
  childBirthDate: string;

  @Field(() => String, { nullable: true, description: 'Вид учёта: внутришкольный, трудная жизненная ситуация, учёт органа опеки' })
  registrationKind: string | null;

  @Field(() => LocalDate, { nullable: true })
  agencyRegisteredOn: string | null;

  @Field({ description: 'Семья несовершеннолетнего состоит в банке данных СОП на дату сверки' })
  inRegister: boolean;
}

@ObjectType({ description: 'Квартальная сверка банка данных СОП с ведомствами (Республика Марий Эл, п. 5.6)' })
export class RegisterReconciliation {
  @Field()
  municipality: string;

  @Field(() => Int)
  year: number;

  @Field(() => Int)
  quarter: number;

  @Field(() => LocalDate)
  from: string;

  @Field(() => LocalDate)
  to: string;

  @Field(() => LocalDate, { description: 'Дата, на которую сверяются учёты: последний день квартала или сегодня, пока квартал идёт' })
  asOf: string;

  @Field(() => [RegisterDiscrepancy])
  rows: RegisterDiscrepancy[];

  @Field(() => [RegisterReconciliationSummary])
  summary: RegisterReconciliationSummary[];

  @Field(() => [RegisterOtherRegistration], {
    description: 'Иные учёты (не СОП: учёт органа опеки, трудная жизненная ситуация, внутришкольный учёт) — сверяются не с банком данных СОП и расхождением не являются',
  })
  otherRegistrations: RegisterOtherRegistration[];

  @Field({ description: 'Расхождения в CSV: UTF-8 с BOM, разделитель «;», строки через CRLF, даты ДД.ММ.ГГГГ, ячейки с =, +, -, @ в начале обезврежены апострофом' })
  csv: string;

  @Field({ description: 'Сверка в XLSX, base64: расхождения, итоги по ведомствам, пояснения' })
  xlsxBase64: string;

  @Field(() => [String])
  notes: string[];
}
