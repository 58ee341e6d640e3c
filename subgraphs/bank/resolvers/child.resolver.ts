import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { requirePermission } from '../../../auth/permissions';
import * as v from '../../common/validation';
import { BankContext } from '../bank.context';
import { Child } from '../child.reference';
import { PersonEntity } from '../entities/person.entity';
import { Family } from '../family.reference';
import { toPerson } from '../services/person.view';
import { BankStanding } from '../types/family.types';
import { MoreThan } from 'typeorm';

@Resolver(() => Child)
export class ChildResolver {
  @Query(() => Child, { nullable: true, description: 'Единая карточка ребёнка' })
  async child(@Arg('id', () => ID) id: string, @Ctx() ctx: BankContext): Promise<Child | null> {
    requirePermission(ctx.principal, 'case:read');
    const person = await ctx.loaders.personById.load(v.uuid('id', id));
    return person ? (toPerson(person) as Child) : null;
  }

  @Query(() => [Child], { description: 'Дети муниципального образования, по порядку идентификаторов (курсор after)' })
  async children(
    @Arg('municipality', () => String, { nullable: true }) municipality: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after: string | null,
    @Ctx() ctx: BankContext,
  ): Promise<Child[]> {
    requirePermission(ctx.principal, 'case:read');
    v.integerRange('first', first, 1, 200);
    const where: Record<string, unknown> = {};
    if (municipality) where.municipality = v.oktmo('municipality', municipality);
    if (after) where.id = MoreThan(v.uuid('after', after));
    const minorsFrom = new Date(Date.now() - 18 * 365.25 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    where.birthDate = MoreThan(minorsFrom);
    const rows = await ctx.dataSource.getRepository(PersonEntity).find({ where, order: { id: 'ASC' }, take: first });
    // Prime the loader so that the agencies' reference lookups in the same request cost nothing here.
    rows.forEach((row) => ctx.loaders.personById.prime(row.id, row));
    return rows.map((row) => toPerson(row) as Child);
  }

  @FieldResolver(() => [Family], { description: 'Семьи, в которые входит ребёнок' })
  async families(@Root() child: Child, @Ctx() ctx: BankContext): Promise<Family[]> {
    const memberships = await ctx.loaders.membershipsByPerson.load(child.id);
    const families = await ctx.loaders.familyById.loadMany(memberships.map((m) => m.familyId));
    return families.filter((f) => !!f && !(f instanceof Error)) as Family[];
  }

  @FieldResolver(() => BankStanding)
  async bankStanding(@Root() child: Child, @Ctx() ctx: BankContext): Promise<BankStanding> {
    const entries = await ctx.loaders.registerEntriesByChild.load(child.id);
    return { inRegister: entries.some((e) => e.removedOn === null), entries };
  }
}
