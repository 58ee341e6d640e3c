import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { subjectReference } from '../common/agency/section-access';
import { GuardianshipProfile } from './types/guardianship.types';

/** The bank owns Child; the guardianship body contributes its section of the unified view. */
@Directive('@key(fields: "id")')
@ObjectType('Child')
export class Child {
  @Field(() => ID)
  id: string;

  /** The bank's signed access grant, brought by the router for the section below (see section-access.ts). */
  @Directive('@external')
  @Field(() => String, { nullable: true })
  accessGrant?: string | null;

  @Directive('@requires(fields: "accessGrant")')
  @Field(() => GuardianshipProfile, { nullable: true, description: 'Раздел «Опека и попечительство»' })
  guardianship: GuardianshipProfile | null;
}

export const childReference = {
  Child: {
    // Nothing to read here: the section's acts and status load through the request's DataLoaders.
    __resolveReference: subjectReference,
  },
};
