import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { FamilyCategory } from '../../schema/enums';
import { DateTime } from '../../schema/scalars';
import { BankContext } from './bank.context';

@Directive('@key(fields: "id")')
@ObjectType('Family', { description: 'Семья' })
export class Family {
  @Field(() => ID)
  id: string;

  @Field({ description: 'ОКТМО' })
  municipality: string;

  @Field(() => [FamilyCategory], { description: 'Категории семьи' })
  categories: FamilyCategory[];

  @Field(() => String, { nullable: true })
  registeredAddress: string | null;

  @Field(() => String, { nullable: true })
  actualAddress: string | null;

  @Field(() => DateTime)
  createdAt: Date;
}

export const familyReference = {
  Family: {
    __resolveReference: (reference: { id: string }, ctx: BankContext) => ctx.loaders.familyById.load(reference.id),
  },
};
