import { Field, ID, InputType } from 'type-graphql';
import { SourceKind, Urgency } from '../../../schema/enums';
import { DateTime } from '../../../schema/scalars';

@InputType({ description: 'Кто сообщил' })
export class ReporterInput {
  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  position?: string | null;

  @Field()
  organisation: string;
}

@InputType({ description: 'Новый сигнал. Повтор с тем же idempotencyKey не создаёт второй записи.' })
export class ReportSignalInput {
  @Field({ description: 'Ключ идемпотентности, выбранный отправляющей системой' })
  idempotencyKey: string;

  @Field(() => ID)
  childId: string;

  @Field(() => ID, { nullable: true })
  familyId?: string | null;

  @Field(() => DateTime)
  observedAt: Date;

  @Field(() => ReporterInput)
  reporter: ReporterInput;

  @Field(() => SourceKind)
  sourceKind: SourceKind;

  @Field(() => [String], { description: 'Коды индикаторов из каталога' })
  indicatorCodes: string[];

  @Field(() => Urgency)
  urgency: Urgency;

  @Field()
  description: string;
}

@InputType({ description: 'Исправление сигнала: указанные поля заменяются' })
export class UpdateSignalInput {
  @Field(() => ID)
  id: string;

  @Field(() => Urgency, { nullable: true })
  urgency?: Urgency | null;

  @Field(() => [String], { nullable: true })
  indicatorCodes?: string[] | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType({ description: 'Отзыв сигнала, поданного по ошибке' })
export class CancelSignalInput {
  @Field(() => ID)
  id: string;

  @Field()
  reason: string;
}
