import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { sopReasonText } from '../../../../schema/catalogue/sop-criteria';
import { Brackets } from 'typeorm';
import { GraphQLError } from 'graphql';
import { decide, forbidden } from '../../../../auth/access/decide';
import { DataCategory } from '../../../../auth/access/data-categories';
import { conditionsFor } from '../../../../auth/access/permission-table';
import { servesTerritory } from '../../../../auth/principal';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { Child } from '../../child.reference';
import { PersonEntity } from '../entities/person.entity';
import { Family } from '../../family.reference';
import { requireChildRead } from '../../access/services/bank-access';
import { toPerson } from '../services/person.view';
import { tellCuratorsOfView } from '../../notifications/services/case-view-notice';
import { CaseParticipation } from '../../access/types/case.types';
import { BankStanding } from '../types/family.types';
import { loadChildViews } from '../../loaders/child-view.loader';

@Resolver(() => Child)
export class ChildResolver {
  @Query(() => Child, { nullable: true, description: 'Единая карточка ребёнка' })
  async child(@Arg('id', () => ID) id: string, @Ctx() ctx: BankContext): Promise<Child | null> {
    const childId = v.uuid('id', id);
    // The card and its access facts in one statement; the checks below read them from the loaders.
    await loadChildViews(ctx.dataSource, ctx.loaders, ctx.principal.subject, [childId]);
    const person = await ctx.loaders.personById.load(childId);
    if (!person) return null;
    await requireChildRead(ctx, person);
    if (ctx.settings.caseViewNotice) await tellCuratorsOfView(ctx.dataSource, ctx.principal, person.id);
    return toPerson(person) as Child;
  }

  @Query(() => [Child], {
    description: 'Дети, доступные вызывающему: своей территории и (для ведомств) открытых случаев с их участием; по порядку идентификаторов, курсор after',
  })
  async children(
    @Arg('municipality', () => String, { nullable: true }) municipality: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after: string | null,
    @Ctx() ctx: BankContext,
  ): Promise<Child[]> {
    v.integerRange('first', first, 1, 200);
    const { principal } = ctx;
    const purposeCheck = decide(principal, 'identity:read', { purpose: ctx.meta.purpose, subject: { municipality: principal.territories?.[0] ?? '', participants: [] } });
    if (!purposeCheck.allowed && purposeCheck.reason.startsWith('purpose')) throw forbidden(purposeCheck);
    const conditions = new Set(principal.roles.flatMap((role) => conditionsFor(role, 'identity:read')));
    const byTerritory = (conditions.has('territory') || conditions.has('data-bank-operator')) && principal.territories !== null;
    const byCase = conditions.has('participant') && principal.organisation !== null;
    if (!byTerritory && !byCase) throw forbidden({ allowed: false, operation: 'identity:read', reason: 'role' });
    if (municipality) v.oktmo('municipality', municipality);
    if (municipality && !servesTerritory(principal, municipality) && !byCase) {
      throw forbidden({ allowed: false, operation: 'identity:read', reason: 'territory' });
    }
    const minorsFrom = new Date(Date.now() - 18 * 365.25 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const query = ctx.dataSource.getRepository(PersonEntity).createQueryBuilder('p').where('p.birth_date > :minorsFrom', { minorsFrom });
    if (after) query.andWhere('p.id > :after', { after: v.uuid('after', after) });
    if (municipality) query.andWhere('p.municipality = :municipality', { municipality });
    // What the caller may see: its territory, and the children of open cases its agency takes part in.
    query.andWhere(
      new Brackets((visible) => {
        if (byTerritory) visible.orWhere('p.municipality = ANY(:own)', { own: principal.territories });
        if (byCase) {
          visible.orWhere('p.id IN (SELECT child_id FROM case_participation WHERE organisation_id = :organisation AND closed_on IS NULL)', { organisation: principal.organisation!.id });
        }
      }),
    );
    const found = await query.orderBy('p.id', 'ASC').take(first).getMany();
    // Prime the loader: the same request's reference lookups then cost nothing.
    found.forEach((row) => ctx.loaders.personById.prime(row.id, row));
    // Children seen only through a case need consent or law for their identity, like `child` does.
    const subjects = await Promise.all(found.map((row) => ctx.services.cases.childSubject(ctx.loaders, row, principal)));
    const rows = found.filter((_row, i) => decide(principal, 'identity:read', { purpose: ctx.meta.purpose, subject: subjects[i] }).allowed);
    rows.forEach((row) => ctx.audit.subject('Child', row.id));
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
    return { inRegister: entries.some((e) => e.removedOn === null), entries: entries.map((e) => ({ ...e, reason: sopReasonText(e.reasonCriteria ?? [], e.reasonNote) ?? e.basis })) };
  }

  @FieldResolver(() => [CaseParticipation], { description: 'Ведомства, участвующие в открытых случаях по ребёнку' })
  async participations(@Root() child: Child, @Ctx() ctx: BankContext): Promise<CaseParticipation[]> {
    return (await ctx.loaders.openParticipationsByChild.load(child.id)) as CaseParticipation[];
  }

  @FieldResolver(() => String, { nullable: true })
  async accessGrant(@Root() child: Child, @Ctx() ctx: BankContext): Promise<string> {
    return ctx.signGrant(ctx.principal, 'Child', child.id, await ctx.services.cases.childSubject(ctx.loaders, child, ctx.principal));
  }

  @FieldResolver(() => String, { nullable: true, description: 'СНИЛС в формате 123-456-789 01 (категория «документы»)' })
  async snils(@Root() child: Child, @Ctx() ctx: BankContext): Promise<string | null> {
    await requireCategory(ctx, child, 'documents');
    return child.snils;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Адрес регистрации (категория «контакты»)' })
  async registeredAddress(@Root() child: Child, @Ctx() ctx: BankContext): Promise<string | null> {
    await requireCategory(ctx, child, 'contacts');
    return child.registeredAddress;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Адрес фактического проживания (категория «контакты»)' })
  async actualAddress(@Root() child: Child, @Ctx() ctx: BankContext): Promise<string | null> {
    await requireCategory(ctx, child, 'contacts');
    return child.actualAddress;
  }
}

/**
 * Per-field redaction: a caller who may read the child's identity may still lack consent for its
 * documents or contacts. The field is withheld, never silently: the error says which category
 * and why.
 */
export async function requireCategory(ctx: BankContext, child: { id: string; municipality: string }, category: DataCategory, subjectOf: 'child' | 'person' = 'child'): Promise<void> {
  const subject = subjectOf === 'child' ? await ctx.services.cases.childSubject(ctx.loaders, child, ctx.principal) : await ctx.services.cases.personSubject(ctx.loaders, child, ctx.principal);
  const decision = decide(ctx.principal, 'identity:read', { purpose: ctx.meta.purpose, subject, category });
  if (decision.allowed) return;
  ctx.audit.denied(`identity:read:${category}:${decision.reason}`);
  throw new GraphQLError(`Поле скрыто: категория «${category}» не покрыта согласием или законом (${decision.reason})`, {
    extensions: { code: 'REDACTED', category, reason: decision.reason },
  });
}
