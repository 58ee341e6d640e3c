import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { SocialProfile } from './types/social.types';

/** The bank owns Child; social protection contributes its section of the unified view. */
@Directive('@key(fields: "id")')
@ObjectType('Child')
export class Child {
  @Field(() => ID)
  id: string;

  @Field(() => SocialProfile, { nullable: true, description: 'Раздел «Социальная защита»' })
  social: SocialProfile | null;
}

export const childReference = {
  Child: {
    // Nothing to read here: the section's lists load through the request's DataLoaders.
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  },
};
