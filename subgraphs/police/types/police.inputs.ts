import { Field, ID, InputType } from 'type-graphql';
import { LocalDate } from '../../../schema/scalars';
import { OffenceKind } from './police.enums';

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
