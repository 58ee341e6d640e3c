import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { subjectReference } from '../common/agency/section-access';
import { AgencyRecords } from '../common/agency/agency-records.type';

/** This agency's own name for its family records: see AgencyRecords. */
@ObjectType({ description: 'Сигналы и мероприятия социальной защиты о семье' })
export class SocialFamilyRecords extends AgencyRecords {}

@Directive('@key(fields: "id")')
@ObjectType('Family')
export class Family {
  @Field(() => ID)
  id: string;

  /** The bank's signed access grant, brought by the router for the section below (see section-access.ts). */
  @Directive('@external')
  @Field(() => String, { nullable: true })
  accessGrant?: string | null;

  @Directive('@requires(fields: "accessGrant")')
  @Field(() => SocialFamilyRecords, { nullable: true, description: 'Сигналы и мероприятия социальной защиты о семье' })
  social: AgencyRecords | null;
}

export const familyReference = {
  Family: {
    __resolveReference: subjectReference,
  },
};
