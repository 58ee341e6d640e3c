import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { subjectReference } from '../common/agency/section-access';
import { EducationProfile } from './types/education.types';

/** The bank owns Child; education contributes its section of the unified view. */
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
  @Field(() => EducationProfile, { nullable: true, description: 'Раздел «Образование»' })
  education: EducationProfile | null;
}

export const childReference = {
  Child: {
    // Nothing to read here: the reference's id is all the education section needs, and its
    // fields load through the request's DataLoaders.
    __resolveReference: subjectReference,
  },
};
