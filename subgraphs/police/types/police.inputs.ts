import { Field, ID, InputType } from 'type-graphql';
import { LocalDate } from '../../../schema/scalars';
import { DeliveryPlace, EmergencyOrigin, OffenceKind } from './police.enums';

const KEY = 'Ключ идемпотентности, выбранный отправляющей системой';

@InputType({ description: 'Постановка на учёт в ПДН. Повтор с тем же idempotencyKey не создаёт второй записи.' })
export class RegisterJuvenileInput {
  @Field({ description: KEY })
  idempotencyKey: string;

  @Field(() => ID)
  childId: string;

  @Field()
  unit: string;

  @Field(() => LocalDate)
  registeredOn: string;

  @Field()
  reason: string;
}

@InputType({ description: 'Снятие с учёта в ПДН' })
export class RemoveJuvenileRegistrationInput {
  @Field(() => ID, { description: 'Постановка на учёт' })
  id: string;

  @Field(() => LocalDate)
  removedOn: string;

  @Field()
  reason: string;
}

@InputType({ description: 'Правонарушение. Повтор с тем же idempotencyKey не создаёт второй записи.' })
export class RecordOffenceInput {
  @Field({ description: KEY })
  idempotencyKey: string;

  @Field(() => ID)
  childId: string;

  @Field(() => OffenceKind)
  kind: OffenceKind;

  @Field()
  article: string;

  @Field(() => LocalDate)
  occurredOn: string;

  @Field()
  description: string;

  @Field(() => String, { nullable: true })
  decision?: string | null;
}

@InputType({ description: 'Семейно-бытовой конфликт. Повтор с тем же idempotencyKey не создаёт второй записи.' })
export class RecordDomesticIncidentInput {
  @Field({ description: KEY })
  idempotencyKey: string;

  @Field(() => ID)
  childId: string;

  @Field(() => ID, { nullable: true })
  familyId?: string | null;

  @Field(() => LocalDate)
  occurredOn: string;

  @Field()
  description: string;

  @Field(() => String, { nullable: true })
  measuresTaken?: string | null;
}

@InputType({ description: 'Экстренные меры органа внутренних дел о ребенке в опасности (Марий Эл, п. 7.2). Повтор с тем же idempotencyKey не создаёт второй записи.' })
export class RecordEmergencyResponseInput {
  @Field({ description: KEY })
  idempotencyKey: string;

  @Field(() => ID)
  childId: string;

  @Field(() => LocalDate, { description: 'Дата получения информации или выявления ребенка: от неё считаются сроки' })
  receivedOn: string;

  @Field(() => EmergencyOrigin)
  origin: EmergencyOrigin;

  @Field(() => DeliveryPlace, { nullable: true, description: 'Только для выявленного безнадзорного ребенка, которого не удалось передать родителям' })
  deliveredTo?: DeliveryPlace | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата доставления (вместе с deliveredTo)' })
  deliveredOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Акт выявления и учета беспризорного и безнадзорного несовершеннолетнего (вместе с deliveredTo)' })
  deliveryDocumentRef?: string | null;

  @Field({ description: 'Обстоятельства и принятые меры' })
  description: string;
}

@InputType({ description: 'Отметка о выполнении шага экстренных мер органа внутренних дел (Марий Эл, п. 7.2): дата и документ' })
export class MarkPoliceEmergencyStepDoneInput {
  @Field(() => ID, { description: 'Запись об экстренных мерах' })
  responseId: string;

  @Field({ description: 'Шаг: GUARDIANSHIP_INFORMED, KDN_REPORT, SOCIAL_INFORMED или KDN_DELIVERY_REPORT' })
  step: string;

  @Field(() => LocalDate, { description: 'Дата выполнения (не раньше основания срока и не в будущем)' })
  doneOn: string;

  @Field({ description: 'Документ: номер и дата письма, телефонограммы, сообщения' })
  documentRef: string;
}
