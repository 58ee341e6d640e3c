import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { GuardianshipProfile } from './types/guardianship.types';

/** The bank owns Child; the guardianship body contributes its section of the unified view. */
@Directive('@key(fields: "id")')
@ObjectType('Child')
export class Child {
  @Field(() => ID)
  id: string;

  @Field(() => GuardianshipProfile, { nullable: true, description: 'Раздел «Опека и попечительство»' })
  guardianship: GuardianshipProfile | null;
}

export const childReference = {
  Child: {
    // Nothing to read here: the section's acts and status load through the request's DataLoaders.
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  },
};
