import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { FamilyCategory } from '../../schema/enums';
import { DateTime } from '../../schema/scalars';
import { BankContext } from './bank.context';
import { requireFamilyRead } from './access/services/bank-access';

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

  /** See Child.accessGrant. */
  @Directive('@inaccessible')
  @Field(() => String, { nullable: true })
  accessGrant?: string | null;
}

export const familyReference = {
  Family: {
    __resolveReference: async (reference: { id: string }, ctx: BankContext) => {
      const family = await ctx.loaders.familyById.load(reference.id);
      if (!family) return null;
      await requireFamilyRead(ctx, family);
      return family;
    },
  },
};
