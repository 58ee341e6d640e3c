import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { FamilyRole } from '../../../../schema/enums';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { Child } from '../../child.reference';
import { Family } from '../../family.reference';
import { PersonEntity } from '../entities/person.entity';
import { requireFamilyRead } from '../../access/services/bank-access';
import { toPerson } from '../services/person.view';
import { FamilyMember } from '../types/family.types';

@Resolver(() => Family)
export class FamilyResolver {
  @Query(() => Family, { nullable: true, description: 'Семья' })
  async family(@Arg('id', () => ID) id: string, @Ctx() ctx: BankContext): Promise<Family | null> {
    const family = await ctx.loaders.familyById.load(v.uuid('id', id));
    if (!family) return null;
    await requireFamilyRead(ctx, family);
    return family as Family;
  }

  @FieldResolver(() => String, { nullable: true })
  async accessGrant(@Root() family: Family, @Ctx() ctx: BankContext): Promise<string> {
    return ctx.signGrant(ctx.principal, 'Family', family.id, await ctx.services.cases.familySubject(ctx.loaders, family, ctx.principal));
  }

  @FieldResolver(() => [FamilyMember], { description: 'Состав семьи' })
  async members(@Root() family: Family, @Ctx() ctx: BankContext): Promise<FamilyMember[]> {
    // Checked here too: a family reached by another path (the answer to registerFamily, say) shows no one it may not.
    await requireFamilyRead(ctx, family);
    const members = await ctx.loaders.membersByFamily.load(family.id);
    const persons = await ctx.loaders.personById.loadMany(members.map((m) => m.personId));
    return members.flatMap((m, i) => {
      const person = persons[i];
      return person && !(person instanceof Error) ? [{ role: m.role as FamilyRole, person: toPerson(person as PersonEntity) }] : [];
    });
  }

  @FieldResolver(() => [Child], { description: 'Несовершеннолетние члены семьи' })
  async children(@Root() family: Family, @Ctx() ctx: BankContext): Promise<Child[]> {
    await requireFamilyRead(ctx, family);
    const members = (await ctx.loaders.membersByFamily.load(family.id)).filter((m) => m.role === FamilyRole.CHILD);
    const persons = await ctx.loaders.personById.loadMany(members.map((m) => m.personId));
    return persons.filter((p): p is PersonEntity => !!p && !(p instanceof Error)).map((p) => toPerson(p) as Child);
  }
}
