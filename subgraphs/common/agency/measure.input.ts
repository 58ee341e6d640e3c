import { Field, ID, InputType } from 'type-graphql';
import { MeasureKind } from '../../../schema/enums';
import { LocalDate } from '../../../schema/scalars';

@InputType({ description: 'Исполнитель' })
export class ExecutorInput {
  @Field()
  name: string;

  @Field()
  organisation: string;
}

@InputType({ description: 'Новое мероприятие. Повтор с тем же idempotencyKey не создаёт второй записи.' })
export class RecordMeasureInput {
  @Field()
  idempotencyKey: string;

  @Field(() => ID)
  childId: string;

  @Field(() => ID, { nullable: true })
  familyId?: string | null;

  @Field()
  title: string;

  @Field(() => MeasureKind)
  kind: MeasureKind;

  @Field(() => LocalDate)
  dueDate: string;

  @Field(() => LocalDate, { nullable: true, description: 'Если мероприятие уже исполнено' })
  doneDate?: string | null;

  @Field(() => ExecutorInput)
  executor: ExecutorInput;

  @Field(() => String, { nullable: true })
  result?: string | null;

  @Field(() => ID, { nullable: true })
  programmeRowId?: string | null;
}

@InputType({ description: 'Изменение мероприятия: указанные поля заменяются' })
export class UpdateMeasureInput {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate, { nullable: true })
  dueDate?: string | null;

  @Field(() => LocalDate, { nullable: true })
  doneDate?: string | null;

  @Field(() => String, { nullable: true })
  result?: string | null;
}

@InputType({ description: 'Отмена мероприятия' })
export class CancelMeasureInput {
  @Field(() => ID)
  id: string;

  @Field()
  reason: string;
}
