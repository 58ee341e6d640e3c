import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { AgencyCode } from '../../../auth/principal';
import { Agency } from '../../../schema/enums';
import { LocalDate } from '../../../schema/scalars';

@ObjectType({ description: 'Участие ведомства в открытом случае по ребёнку' })
export class CaseParticipation {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  childId: string;

  @Field(() => Agency)
  agency: AgencyCode;

  @Field({ description: 'Основание (постановление КДН, поручение)' })
  basis: string;

  @Field(() => LocalDate)
  openedOn: string;

  @Field(() => LocalDate, { nullable: true })
  closedOn: string | null;

  @Field(() => String, { nullable: true })
  closeReason: string | null;
}

@InputType({ description: 'Подключить ведомство к случаю по ребёнку' })
export class OpenCaseParticipationInput {
  @Field(() => ID)
  childId: string;

  @Field(() => Agency)
  agency: AgencyCode;

  @Field()
  basis: string;

  @Field(() => LocalDate)
  openedOn: string;
}

@InputType({ description: 'Прекратить участие ведомства в случае' })
export class CloseCaseParticipationInput {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate)
  closedOn: string;

  @Field()
  reason: string;
}
