import { Directive, Field, ObjectType } from 'type-graphql';
import { BankContext } from './bank.context';
import { requireChildRead } from './access/services/bank-access';
import { toPerson } from './identity/services/person.view';
import { BankStanding } from './identity/types/family.types';
import { PersonFields } from './identity/types/person.types';
import { loadChildViews } from './loaders/child-view.loader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Child is owned here: identity, family links and the data bank standing. Agencies add their sections. */
@Directive('@key(fields: "id")')
@ObjectType('Child', { description: 'Ребёнок: единая карточка' })
export class Child extends PersonFields {
  @Field(() => BankStanding, { description: 'Положение в банке данных семей в СОП' })
  bankStanding: BankStanding;

  /**
   * The bank's signed statement for the agency subgraphs (their sections `@requires` it).
   * Hidden from the public schema: only the router moves it between subgraphs.
   */
  @Directive('@inaccessible')
  @Field(() => String, { nullable: true })
  accessGrant?: string | null;
}

export const childReference = {
  Child: {
    // Reached when the router asks the bank about a child another subgraph returned, or when the
    // bank is called directly with `_entities`: the same identity check as the `child` query.
    __resolveReference: async (reference: { id: string }, ctx: BankContext) => {
      // The card and its access facts in one statement for every child the router asks about.
      if (UUID.test(reference.id)) await loadChildViews(ctx.dataSource, ctx.loaders, ctx.principal.subject, [reference.id]);
      const person = await ctx.loaders.personById.load(reference.id);
      if (!person) return null;
      await requireChildRead(ctx, person);
      return toPerson(person);
    },
  },
};
