import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import { decide, Decision } from '../../../../auth/access/decide';
import { AuditSearch } from '../../../../auth/audit/audit-entry';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { Child } from '../../child.reference';
import { Family } from '../../family.reference';
import { FamilyEntity } from '../../identity/entities/family.entity';
import { PersonEntity } from '../../identity/entities/person.entity';
import { toPerson } from '../../identity/services/person.view';
import { childCriteria, criteriaNames, familyCriteria, requireVariables, SEARCH_FIRST_DEFAULT, SEARCH_FIRST_MAX } from '../services/search-criteria';
import { searchScope } from '../services/search-scope';
import { SearchService } from '../services/search.service';
import { ChildSearchInput, ChildSearchResult, FamilySearchInput, FamilySearchResult } from '../types/search.types';

/** Rounds of fetching when hits of a case lack consent and are dropped: the answer stays bounded. */
const MAX_ROUNDS = 4;

@Resolver()
export class SearchResolver {
  @Query(() => ChildSearchResult, {
    description:
      'Поиск ребёнка по СНИЛС, ФИО (без учёта регистра и ё/е, с допуском опечатки), дате рождения, части адреса — только среди детей, чьи личные данные вам доступны. В журнал доступа пишутся вид поиска и число найденных, не значения',
  })
  async searchChildren(
    @Arg('query', () => ChildSearchInput) query: ChildSearchInput,
    @Arg('first', () => Int, { defaultValue: SEARCH_FIRST_DEFAULT, description: `Не больше ${SEARCH_FIRST_MAX}` }) first: number,
    @Ctx() ctx: BankContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ChildSearchResult> {
    requireVariables(info, 'query');
    v.integerRange('first', first, 1, SEARCH_FIRST_MAX);
    const criteria = childCriteria(query);
    const scope = scoped(ctx, 'Child', criteriaNames(criteria));
    const search = new SearchService(ctx.dataSource);
    const page = await readablePage(
      first,
      (limit, offset) => search.childIds(scope, criteria, limit, offset),
      async (ids) => found(await ctx.loaders.personById.loadMany(ids)),
      async (row) => decide(ctx.principal, 'identity:read', { purpose: ctx.meta.purpose, subject: await ctx.services.cases.childSubject(ctx.loaders, row, ctx.principal) }),
    );
    page.rows.forEach(({ row, basis }) => {
      ctx.audit.subject('Child', row.id);
      ctx.audit.basis(basis);
    });
    ctx.audit.search('Child', criteriaNames(criteria), page.rows.length);
    return { children: page.rows.map(({ row }) => toPerson(row) as Child), hasMore: page.hasMore };
  }

  @Query(() => FamilySearchResult, {
    description: 'Поиск семьи по ФИО члена семьи и части адреса — только среди семей, чьи данные вам доступны. В журнал доступа пишутся вид поиска и число найденных, не значения',
  })
  async searchFamilies(
    @Arg('query', () => FamilySearchInput) query: FamilySearchInput,
    @Arg('first', () => Int, { defaultValue: SEARCH_FIRST_DEFAULT, description: `Не больше ${SEARCH_FIRST_MAX}` }) first: number,
    @Ctx() ctx: BankContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<FamilySearchResult> {
    requireVariables(info, 'query');
    v.integerRange('first', first, 1, SEARCH_FIRST_MAX);
    const criteria = familyCriteria(query);
    const scope = scoped(ctx, 'Family', criteriaNames(criteria));
    const search = new SearchService(ctx.dataSource);
    const page = await readablePage(
      first,
      (limit, offset) => search.familyIds(scope, criteria, limit, offset),
      async (ids) => found(await ctx.loaders.familyById.loadMany(ids)),
      async (row) => decide(ctx.principal, 'identity:read', { purpose: ctx.meta.purpose, subject: await ctx.services.cases.familySubject(ctx.loaders, row, ctx.principal) }),
    );
    page.rows.forEach(({ row, basis }) => {
      ctx.audit.subject('Family', row.id);
      ctx.audit.basis(basis);
    });
    ctx.audit.search('Family', criteriaNames(criteria), page.rows.length);
    return { families: page.rows.map(({ row }) => row as Family), hasMore: page.hasMore };
  }
}

/** The caller's scope; a caller with none is refused, and the refused search is in the log too. */
function scoped(ctx: BankContext, target: AuditSearch['target'], criteria: string[]) {
  try {
    return searchScope(ctx.principal, ctx.meta.purpose);
  } catch (error) {
    ctx.audit.search(target, criteria, 0);
    const reason = (error as { extensions?: { reason?: string } }).extensions?.reason;
    ctx.audit.denied(`identity:read:${reason ?? 'role'}`);
    throw error;
  }
}

function found<T>(rows: Array<T | null | Error>): T[] {
  return rows.filter((row): row is T => !!row && !(row instanceof Error));
}

/**
 * Hits in rank order until `first` readable ones and one more (so `hasMore` is known) are found.
 * A hit the caller may not read is dropped here and counted nowhere: neither the answer, nor
 * `hasMore`, nor the log hints at it.
 */
async function readablePage<T extends PersonEntity | FamilyEntity>(
  first: number,
  fetch: (limit: number, offset: number) => Promise<string[]>,
  load: (ids: string[]) => Promise<T[]>,
  decideOne: (row: T) => Promise<Decision>,
): Promise<{ rows: Array<{ row: T; basis: string }>; hasMore: boolean }> {
  const wanted = first + 1;
  // Twice what is wanted: hits of a case without consent drop out, and one round mostly suffices.
  const batch = wanted * 2;
  const readable: Array<{ row: T; basis: string }> = [];
  let offset = 0;
  for (let round = 0; round < MAX_ROUNDS && readable.length < wanted; round++) {
    const ids = await fetch(batch, offset);
    offset += ids.length;
    const rows = await load(ids);
    const decisions = await Promise.all(rows.map(decideOne));
    rows.forEach((row, i) => {
      const decision = decisions[i];
      if (decision.allowed) readable.push({ row, basis: decision.basis });
    });
    if (ids.length < batch) break;
  }
  return { rows: readable.slice(0, first), hasMore: readable.length > first };
}
