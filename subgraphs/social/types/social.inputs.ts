import { Field, ID, InputType } from 'type-graphql';
import { LocalDate } from '../../../schema/scalars';
import { BenefitKind, EmergencyReferrer, HandoverTo, PatronageKind, SocialSupportKind } from './social.enums';

@InputType({ description: 'Признание трудной жизненной ситуации. Повтор с тем же idempotencyKey не создаёт второй записи.' })
export class RecordDifficultSituationInput {
  @Field({ description: 'Ключ идемпотентности, выбранный отправляющей системой' })
  idempotencyKey: string;

  @Field(() => ID)
  childId: string;

  @Field(() => LocalDate)
  recognisedOn: string;

  @Field()
  decisionNumber: string;

  @Field(() => String, { nullable: true })
  basis?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Если ситуация уже преодолена' })
  endedOn?: string | null;
}

@InputType({ description: 'Социальное обслуживание или сопровождение. Повтор с тем же idempotencyKey не создаёт второй записи.' })
export class RecordSocialSupportInput {
  @Field({ description: 'Ключ идемпотентности, выбранный отправляющей системой' })
  idempotencyKey: string;

  @Field(() => ID)
  childId: string;

  @Field(() => SocialSupportKind)
  kind: SocialSupportKind;

  @Field()
  provider: string;

  @Field(() => LocalDate)
  from: string;

  @Field(() => LocalDate, { nullable: true, description: 'Плановое окончание; может быть в будущем' })
  to?: string | null;
}

@InputType({ description: 'Начало социального патронажа. Повтор с тем же idempotencyKey не создаёт второй записи.' })
export class RecordSocialPatronageInput {
  @Field({ description: 'Ключ идемпотентности, выбранный отправляющей системой' })
  idempotencyKey: string;

  @Field(() => ID)
  childId: string;

  @Field(() => PatronageKind)
  kind: PatronageKind;

  @Field()
  institution: string;

  @Field(() => LocalDate)
  startedOn: string;

  @Field(() => LocalDate, { nullable: true, description: 'Если патронаж уже завершён' })
  endedOn?: string | null;
}

@InputType({ description: 'Назначенное пособие или выплата. Повтор с тем же idempotencyKey не создаёт второй записи.' })
export class RecordSocialBenefitInput {
  @Field({ description: 'Ключ идемпотентности, выбранный отправляющей системой' })
  idempotencyKey: string;

  @Field(() => ID)
  childId: string;

  @Field(() => BenefitKind)
  kind: BenefitKind;

  @Field({ description: 'Сумма в рублях: десятичная строка, не более двух знаков после точки, например «12345.60»' })
  amount: string;

  @Field({ description: 'Ежемесячная выплата; иначе единовременная, выплаченная в день from' })
  monthly: boolean;

  @Field(() => String, { nullable: true, description: 'Обязательно для вида OTHER' })
  note?: string | null;

  @Field(() => LocalDate)
  from: string;

  @Field(() => LocalDate, { nullable: true, description: 'Плановое окончание ежемесячной выплаты; может быть в будущем' })
  to?: string | null;
}

@InputType({ description: 'Завершение периода: дату окончания можно поставить или перенести на более раннюю, но не на более позднюю' })
export class EndSocialPeriodInput {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate)
  endedOn: string;
}

const REFERRAL_KEY = 'Ключ идемпотентности, выбранный отправляющей системой';

@InputType({ description: 'Информация органу социальной защиты о ребенке во временном устройстве (Марий Эл, пп. 7.1 3) б), 7.2 3) г)). Повтор с тем же idempotencyKey не создаёт второй записи.' })
export class RecordEmergencyReferralInput {
  @Field({ description: REFERRAL_KEY })
  idempotencyKey: string;

  @Field(() => ID)
  childId: string;

  @Field(() => LocalDate, { description: 'Дата получения информации: от неё считается срок обследования' })
  receivedOn: string;

  @Field(() => EmergencyReferrer)
  referredBy: EmergencyReferrer;

  @Field({ description: 'Обстоятельства: где находится ребенок, что сообщено' })
  description: string;
}

@InputType({ description: 'Передача ребенка родителям или иным лицам по согласованию с органом социальной защиты (Марий Эл, пп. 7.2 3) е), 7.3); отмечается один раз' })
export class RecordEmergencyHandoverInput {
  @Field(() => ID)
  referralId: string;

  @Field(() => LocalDate, { description: 'Дата передачи: от неё считаются 3 рабочих дня для информации в КДНиЗП' })
  handedOverOn: string;

  @Field(() => HandoverTo)
  handedOverTo: HandoverTo;

  @Field({ description: 'Документ о передаче' })
  documentRef: string;
}

@InputType({ description: 'Отметка о выполнении шага экстренного порядка органом социальной защиты (Марий Эл, п. 7.3): дата и документ' })
export class MarkSocialEmergencyStepDoneInput {
  @Field(() => ID)
  referralId: string;

  @Field({ description: 'Шаг: LIVING_CONDITIONS_SURVEY или KDN_HANDOVER_REPORT' })
  step: string;

  @Field(() => LocalDate, { description: 'Дата выполнения (не раньше основания срока и не в будущем)' })
  doneOn: string;

  @Field({ description: 'Документ: акт обследования, номер и дата письма в КДНиЗП' })
  documentRef: string;
}
