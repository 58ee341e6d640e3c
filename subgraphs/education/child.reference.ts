import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { EducationProfile } from './types/education.types';

/** The bank owns Child; education contributes its section of the unified view. */
@Directive('@key(fields: "id")')
@ObjectType('Child')
export class Child {
  @Field(() => ID)
  id: string;

  @Field(() => EducationProfile, { nullable: true, description: 'Раздел «Образование»' })
  education: EducationProfile | null;
}

export const childReference = {
  Child: {
    // Nothing to read here: the reference's id is all the education section needs, and its
    // fields load through the request's DataLoaders.
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  },
};
