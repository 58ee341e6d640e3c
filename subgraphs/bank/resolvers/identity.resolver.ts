import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireAudited } from '../../../auth/access/decide';
import { BankContext } from '../bank.context';
import { PersonEntity } from '../entities/person.entity';
import { Family } from '../family.reference';
import { toPersonMatch } from '../services/person.view';
import { RegisterFamilyInput } from '../types/family.types';
import { PersonRegistration, RegisterPersonInput } from '../types/person.types';
import { CaseParticipation, CloseCaseParticipationInput, OpenCaseParticipationInput } from '../types/case.types';
import { CaseParticipationEntity } from '../entities/case-participation.entity';
import * as v from '../../common/validation';
import { notFound } from '../../common/errors';

@Resolver()
export class IdentityResolver {
  @Mutation(() => PersonRegistration, {
    description: 'Найти человека по СНИЛС (или ФИО и дате рождения) или создать; совпадения без СНИЛС не объединяются молча',
  })
  async registerPerson(@Arg('input', () => RegisterPersonInput) input: RegisterPersonInput, @Ctx() ctx: BankContext): Promise<PersonRegistration> {
    requireAudited(ctx, 'identity:write');
    const result = await ctx.services.identity.register(ctx.principal, input);
    if (result.personId) ctx.audit.subject('Child', result.personId);
    const ids = [result.personId, ...result.candidateIds].filter((id): id is string => !!id);
    const rows = await ctx.dataSource.getRepository(PersonEntity).findBy(ids.map((id) => ({ id })));
    const byId = new Map(rows.map((row) => [row.id, toPersonMatch(row)]));
    return {
      outcome: result.outcome,
      person: result.personId ? (byId.get(result.personId) ?? null) : null,
      candidates: result.candidateIds.map((id) => byId.get(id)).filter((p) => !!p),
    };
  }

  @Mutation(() => Family, { description: 'Зарегистрировать семью из уже зарегистрированных людей' })
  async registerFamily(@Arg('input', () => RegisterFamilyInput) input: RegisterFamilyInput, @Ctx() ctx: BankContext): Promise<Family> {
    requireAudited(ctx, 'identity:write');
    const id = await ctx.services.families.register(ctx.principal, input);
    return (await ctx.loaders.familyById.load(id)) as Family;
  }

  @Mutation(() => CaseParticipation, { description: 'Подключить ведомство к случаю по ребёнку (КДН)' })
  async openCaseParticipation(@Arg('input', () => OpenCaseParticipationInput) input: OpenCaseParticipationInput, @Ctx() ctx: BankContext): Promise<CaseParticipation> {
    const child = await ctx.loaders.personById.load(v.uuid('input.childId', input.childId));
    if (!child) throw notFound('Ребёнок', input.childId);
    requireAudited(ctx, 'participation:write', { subject: await ctx.services.cases.childSubject(ctx.loaders, child, ctx.principal) }, { kind: 'Child', id: child.id });
    return (await ctx.services.cases.open(ctx.principal, input)) as CaseParticipation;
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
