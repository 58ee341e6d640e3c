import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AgencyCode } from '../../../auth/principal';
import { Agency, MeasureKind, MeasureStatus } from '../../../schema/enums';
import { DateTime, LocalDate } from '../../../schema/scalars';

@Directive('@shareable')
@ObjectType({ description: 'Исполнитель мероприятия' })
export class Executor {
  @Field({ description: 'ФИО' })
  name: string;

  @Field({ description: 'Организация' })
  organisation: string;
}

@Directive('@shareable')
@ObjectType({ description: 'Мероприятие ведомства' })
export class Measure {
  @Field(() => ID)
  id: string;

  @Field(() => Agency)
  agency: AgencyCode;

  @Field(() => ID)
  childId: string;

  @Field(() => ID, { nullable: true })
  familyId: string | null;

  @Field()
  title: string;

  @Field(() => MeasureKind)
  kind: MeasureKind;

  @Field(() => LocalDate, { description: 'Срок' })
  dueDate: string;

  @Field(() => LocalDate, { nullable: true, description: 'Дата исполнения' })
  doneDate: string | null;

  @Field(() => Executor)
  executor: Executor;

  @Field(() => String, { nullable: true })
  result: string | null;

  @Field(() => ID, { nullable: true, description: 'Строка программы ИПР, если мероприятие из программы' })
  programmeRowId: string | null;

  @Field(() => MeasureStatus)
  status: MeasureStatus;

  @Field(() => String, { nullable: true })
  cancelReason: string | null;

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => DateTime)
  updatedAt: Date;
}
