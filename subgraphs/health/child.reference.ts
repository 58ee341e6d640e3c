import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { HealthProfile } from './types/health.types';

/** The bank owns Child; health contributes its section of the unified view. */
@Directive('@key(fields: "id")')
@ObjectType('Child')
export class Child {
  @Field(() => ID)
  id: string;

  @Field(() => HealthProfile, { nullable: true, description: 'Раздел «Здравоохранение»' })
  health: HealthProfile | null;
}

export const childReference = {
  Child: {
    // Nothing to read here: the reference's id is all the health section needs, and its
    // fields load through the request's DataLoaders.
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  },
};
