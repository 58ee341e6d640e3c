import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { BankContext } from '../../bank.context';
import { PersonEntity } from '../entities/person.entity';
import { Family } from '../../family.reference';
import { opaqueMatch, toPersonMatch } from '../services/person.view';
import { decide, forbidden, requireAudited } from '../../../../auth/access/decide';
import { RegisterFamilyInput } from '../types/family.types';
import { PersonRegistration, RegisterPersonInput } from '../types/person.types';
import { CaseParticipation, CloseCaseParticipationInput, OpenCaseParticipationInput } from '../../access/types/case.types';
import { CaseParticipationEntity } from '../../access/entities/case-participation.entity';
import * as v from '../../../common/validation';
import { notFound } from '../../../common/errors';

@Resolver()
export class IdentityResolver {
  @Mutation(() => PersonRegistration, {
    description: 'Найти человека по СНИЛС (или ФИО и дате рождения) или создать; совпадения без СНИЛС не объединяются молча',
  })
  async registerPerson(@Arg('input', () => RegisterPersonInput) input: RegisterPersonInput, @Ctx() ctx: BankContext): Promise<PersonRegistration> {
    requireAudited(ctx, 'identity:write');
    const canRead = async (person: PersonEntity) => {
      const subject = await ctx.services.cases.personSubject(ctx.loaders, person, ctx.principal);
      return decide(ctx.principal, 'identity:read', { purpose: ctx.meta.purpose, subject }).allowed;
    };
    const result = await ctx.services.identity.register(ctx.principal, input, canRead);
    if (result.personId) ctx.audit.subject('Child', result.personId);
    const ids = [result.personId, ...result.candidateIds].filter((id): id is string => !!id);
    const rows = await ctx.dataSource.getRepository(PersonEntity).findBy(ids.map((id) => ({ id })));
    // Only what the caller may read is shown; any other match is its id alone.
    const views = await Promise.all(rows.map(async (row) => [row.id, (await canRead(row)) ? toPersonMatch(row) : opaqueMatch(row.id)] as const));
    const byId = new Map(views);
    return {
      outcome: result.outcome,
      person: result.personId ? (byId.get(result.personId) ?? null) : null,
      candidates: result.candidateIds.map((id) => byId.get(id)).filter((p) => !!p),
    };
  }

  @Mutation(() => Family, { description: 'Зарегистрировать семью из уже зарегистрированных людей' })
  async registerFamily(@Arg('input', () => RegisterFamilyInput) input: RegisterFamilyInput, @Ctx() ctx: BankContext): Promise<Family> {
    requireAudited(ctx, 'identity:write');
    await requireFamilyComposable(ctx, input);
    const id = await ctx.services.families.register(ctx.principal, input);
    return (await ctx.loaders.familyById.load(id)) as Family;
  }

  @Mutation(() => CaseParticipation, { description: 'Подключить ведомство к случаю по ребёнку (КДН)' })
  async openCaseParticipation(@Arg('input', () => OpenCaseParticipationInput) input: OpenCaseParticipationInput, @Ctx() ctx: BankContext): Promise<CaseParticipation> {
    const child = await ctx.loaders.personById.load(v.uuid('input.childId', input.childId));
    if (!child) throw notFound('Ребёнок', input.childId);
    requireAudited(ctx, 'participation:write', { subject: await ctx.services.cases.childSubject(ctx.loaders, child, ctx.principal) }, { kind: 'Child', id: child.id });
    return (await ctx.services.cases.open(ctx.principal, input, child)) as CaseParticipation;
  }

  @Mutation(() => CaseParticipation, { description: 'Прекратить участие ведомства в случае (КДН)' })
  async closeCaseParticipation(@Arg('input', () => CloseCaseParticipationInput) input: CloseCaseParticipationInput, @Ctx() ctx: BankContext): Promise<CaseParticipation> {
    const participation = await ctx.dataSource.getRepository(CaseParticipationEntity).findOneBy({ id: v.uuid('input.id', input.id) });
    const child = participation && (await ctx.loaders.personById.load(participation.childId));
    if (!participation || !child) throw notFound('Участие в случае', input.id);
    requireAudited(ctx, 'participation:write', { subject: await ctx.services.cases.childSubject(ctx.loaders, child, ctx.principal) }, { kind: 'Child', id: child.id });
    return (await ctx.services.cases.close(ctx.principal, input)) as CaseParticipation;
  }
}

/**
 * A family is composed only of people the caller may read, in a territory whose family it may
 * read: decided before anything is stored, so the answer never refuses a family it just created.
 */
async function requireFamilyComposable(ctx: BankContext, input: RegisterFamilyInput): Promise<void> {
  const municipality = v.oktmo('input.municipality', input.municipality);
  const ids = input.members.map((m, i) => v.uuid(`input.members[${i}].personId`, m.personId));
  const persons = (await ctx.loaders.personById.loadMany(ids)).filter((p): p is PersonEntity => !!p && !(p instanceof Error));
  const subjects = await Promise.all(persons.map((p) => ctx.services.cases.personSubject(ctx.loaders, p, ctx.principal)));
  for (const [i, subject] of subjects.entries()) {
    ctx.audit.subject('Person', persons[i].id);
    const decision = decide(ctx.principal, 'identity:read', { purpose: ctx.meta.purpose, subject });
    if (!decision.allowed) {
      ctx.audit.denied(`identity:read:${decision.reason}`);
      throw forbidden(decision);
    }
  }
  const family = { municipality, participants: [...new Set(subjects.flatMap((s) => s.participants))], consents: subjects.flatMap((s) => s.consents ?? []) };
  const decision = decide(ctx.principal, 'identity:read', { purpose: ctx.meta.purpose, subject: family });
  if (!decision.allowed) {
    ctx.audit.denied(`identity:read:${decision.reason}`);
    throw forbidden(decision);
  }
}
