import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { PoliceProfile } from './types/police.types';

/** The bank owns Child; the police contribute their section of the unified view. */
@Directive('@key(fields: "id")')
@ObjectType('Child')
export class Child {
  @Field(() => ID)
  id: string;

  @Field(() => PoliceProfile, { nullable: true, description: 'Раздел «Органы внутренних дел (ПДН)»' })
  police: PoliceProfile | null;
}

export const childReference = {
  Child: {
    // Nothing to read here: the reference's id is all the police section needs, and its
    // fields load through the request's DataLoaders.
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  },
};
