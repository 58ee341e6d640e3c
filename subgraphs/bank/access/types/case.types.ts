import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { OrganisationType as OrganisationTypeCode } from '../../../../auth/organisations/organisation';
import { AgencyCode } from '../../../../auth/principal';
import { Agency, OrganisationType } from '../../../../schema/enums';
import { LocalDate } from '../../../../schema/scalars';

@ObjectType({ description: 'Участие организации в открытом случае по ребёнку' })
export class CaseParticipation {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  childId: string;

  @Field(() => OrganisationType, { description: 'Вид организации' })
  agency: OrganisationTypeCode;

  @Field(() => ID, { description: 'Организация-участник (ОГРН)' })
  organisationId: string;

  @Field({ description: 'Основание (постановление КДН, поручение)' })
  basis: string;

  @Field(() => LocalDate)
  openedOn: string;

  @Field(() => LocalDate, { nullable: true })
  closedOn: string | null;

  @Field(() => String, { nullable: true })
  closeReason: string | null;
}

@InputType({ description: 'Подключить организацию к случаю по ребёнку: по ОГРН, или по виду (тогда — организация этого вида, обслуживающая территорию ребёнка)' })
export class OpenCaseParticipationInput {
  @Field(() => ID)
  childId: string;

  @Field(() => Agency, { nullable: true })
  agency?: AgencyCode | null;

  @Field(() => ID, { nullable: true, description: 'ОГРН организации из реестра' })
  organisationId?: string | null;

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
