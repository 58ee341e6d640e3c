import { Directive, Field, ObjectType } from 'type-graphql';
import { BankContext } from './bank.context';
import { PersonFields } from './types/person.types';
import { BankStanding } from './types/family.types';
import { toPerson } from './services/person.view';

/** Child is owned here: identity, family links and the data bank standing. Agencies add their sections. */
@Directive('@key(fields: "id")')
@ObjectType('Child', { description: 'Ребёнок: единая карточка' })
export class Child extends PersonFields {
  @Field(() => BankStanding, { description: 'Положение в банке данных семей в СОП' })
  bankStanding: BankStanding;
}

export const childReference = {
  Child: {
    __resolveReference: async (reference: { id: string }, ctx: BankContext) => {
      const person = await ctx.loaders.personById.load(reference.id);
      return person ? toPerson(person) : null;
    },
  },
};
