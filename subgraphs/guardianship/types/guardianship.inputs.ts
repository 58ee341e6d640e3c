import { Field, ID, InputType } from 'type-graphql';
import { DateTime, LocalDate } from '../../../schema/scalars';
import { GuardianshipStatusKind, PlacementKind } from './guardianship.enums';
import { HousingActInput } from './housing-act.types';

@InputType({ description: 'Акт обследования жилищно-бытовых условий. Повтор с тем же idempotencyKey не создаёт второй записи.' })
export class RecordHousingInspectionInput {
  @Field({ description: 'Ключ идемпотентности, выбранный отправляющей системой' })
  idempotencyKey: string;

  @Field(() => ID)
  childId: string;

  @Field()
  actNumber: string;

  @Field(() => LocalDate)
  inspectedOn: string;

  @Field({ description: 'ФИО и должность проводившего обследование' })
  inspector: string;

  @Field()
  conclusion: string;

  @Field()
  threatToLifeOrHealth: boolean;

  @Field(() => HousingActInput, { nullable: true, description: 'Поля акта по форме (Мясниковский район, приложение №1): печатается как HousingInspection.actDocument' })
  act?: HousingActInput | null;
}

@InputType({ description: 'Акт об отобрании ребёнка. Повтор с тем же idempotencyKey не создаёт второй записи.' })
export class RecordRemovalActInput {
  @Field({ description: 'Ключ идемпотентности, выбранный отправляющей системой' })
  idempotencyKey: string;

  @Field(() => ID)
  childId: string;

  @Field()
  actNumber: string;

  @Field(() => LocalDate)
  removedOn: string;

  @Field({ description: 'ФИО и должность подписавшего главы муниципального образования' })
  signedBy: string;

  @Field(() => PlacementKind)
  placementKind: PlacementKind;

  @Field({ description: 'Кому передан (ФИО) или куда помещён (организация) ребёнок' })
  placementDescription: string;

  @Field(() => DateTime, { nullable: true, description: 'Если прокурор уже уведомлён' })
  prosecutorNotifiedAt?: Date | null;
}

@InputType({ description: 'Отметка об уведомлении прокурора об отобрании' })
export class MarkProsecutorNotifiedInput {
  @Field(() => ID, { description: 'Акт об отобрании' })
  id: string;

  @Field(() => DateTime)
  notifiedAt: Date;
}

@InputType({ description: 'Отметка о выполнении шага экстренного порядка (Марий Эл, п. 7.1): дата и документ' })
export class MarkEmergencyStepDoneInput {
  @Field(() => ID, { description: 'Акт об отобрании' })
  removalActId: string;

  @Field({ description: 'Шаг: PROSECUTOR_NOTIFIED, REGISTER_ENTRY, COURT_CLAIM или KDN_REPORT' })
  step: string;

  @Field(() => LocalDate, { description: 'Дата выполнения (не раньше акта и не в будущем)' })
  doneOn: string;

  @Field({ description: 'Документ: номер и дата письма, иска, записи в журнале' })
  documentRef: string;
}

@InputType({ description: 'Текущее положение ребёнка; заменяет прежнее' })
export class SetGuardianshipStatusInput {
  @Field(() => ID)
  childId: string;

  @Field(() => GuardianshipStatusKind)
  status: GuardianshipStatusKind;

  @Field(() => LocalDate)
  since: string;

  @Field(() => ID, { nullable: true, description: 'Только для опеки, приёмной семьи и усыновления' })
  guardianPersonId?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
