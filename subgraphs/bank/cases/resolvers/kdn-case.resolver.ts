import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { requireAudited } from '../../../../auth/access/decide';
import { AgencyCode } from '../../../../auth/principal';
import { Agency } from '../../../../schema/enums';
import { notFound } from '../../../common/errors';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { Child } from '../../child.reference';
import { KdnCaseEntity } from '../entities/kdn-case.entity';
import { loadChildViews } from '../../loaders/child-view.loader';
import { Conclusion, Resolution } from '../services/kdn-case.service';
import { ClosureReasonEnum, ConclusionInput, KdnCase, RegisterInJournalInput, ResolutionInput } from '../types/kdn-case.types';
import { LocalDate } from '../../../../schema/scalars';
import { allowedActions, CaseState, ClosureReason } from '../workflow/case-workflow';
import { teamOf } from '../workflow/case-records';
import { sopFieldsOf, withLowRiskAction } from '../services/sop-view';

export function toCase(row: KdnCaseEntity): KdnCase {
  const today = new Date().toISOString().slice(0, 10);
  const team = teamOf({ municipality: row.municipality, resolution: row.resolution });
  return {
    ...row,
    overdue: row.state === 'CHECKING' && row.checkDue !== null && row.checkDue < today,
    suggestedRisk: row.suggestedRisk as KdnCase['suggestedRisk'],
    checkAgencies: row.checkAgencies as AgencyCode[],
    checkOrganisationIds: row.checkOrganisations ?? [],
    detectingOrganisationId: row.detectingOrganisation ?? null,
    leadOrganisationId: team.leadOrganisation,
    supportingOrganisationIds: team.supportingOrganisations,
    conclusionKind: (row.conclusion?.kind as string) ?? null,
    resolutionKind: (row.resolution?.kind as string) ?? null,
    allowedActions: withLowRiskAction(row, allowedActions(row.state as CaseState)),
    ...sopFieldsOf(row),
  };
}

/** The access every case operation starts with: the caller may see the case's child (territory, case, consent, purpose), audited. */
export async function requireCaseChild(ctx: BankContext, childId: string): Promise<void> {
  // The child and the facts its decision reads in one statement (not four).
  await loadChildViews(ctx.dataSource, ctx.loaders, ctx.principal.subject, [childId]);
  const child = await ctx.loaders.personById.load(childId);
  if (!child) throw notFound('Ребёнок', childId);
  requireAudited(ctx, 'identity:read', { subject: await ctx.services.cases.childSubject(ctx.loaders, child, ctx.principal) }, { kind: 'Child', id: child.id });
}

/** The case, once the caller is allowed to see its child. */
export async function caseForCaller(ctx: BankContext, caseId: string): Promise<KdnCaseEntity> {
  const kase = await ctx.services.kdnCases.load(caseId);
  await requireCaseChild(ctx, kase.childId);
  return kase;
}

/** Every step checks the caller may see the child (territory, case, consent), then the workflow table. */
@Resolver(() => Child)
export class KdnCaseResolver {
  private forCase(ctx: BankContext, caseId: string) {
    return caseForCaller(ctx, caseId);
  }

  @Mutation(() => KdnCase, { description: 'Зарегистрировать сигнал в журнале КДН (секретарь): номер, срочность' })
  async registerSignalInJournal(@Arg('input', () => RegisterInJournalInput) input: RegisterInJournalInput, @Ctx() ctx: BankContext): Promise<KdnCase> {
    const childId = v.uuid('input.childId', input.childId);
    await requireCaseChild(ctx, childId);
    const child = (await ctx.loaders.personById.load(childId))!;
    return toCase(await ctx.services.kdnCases.register(ctx.principal, child, input));
  }

  @Mutation(() => KdnCase, { description: 'Назначить проверку ведомствам; срок в рабочих днях по правилам региона' })
  async assignCheck(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('agencies', () => [Agency], { defaultValue: [], description: 'Виды ведомств: их организации, обслуживающие территорию дела' }) agencies: AgencyCode[],
    @Arg('organisationIds', () => [ID], { defaultValue: [], description: 'Конкретные организации (ОГРН), которым назначена проверка' }) organisationIds: string[],
    @Ctx() ctx: BankContext,
  ): Promise<KdnCase> {
    return toCase(await ctx.services.kdnCases.assignCheck(ctx.principal, await this.forCase(ctx, caseId), agencies, organisationIds));
  }

  @Mutation(() => KdnCase, { description: 'Заключение по проверке (ведомство, которому назначена проверка)' })
  async recordConclusion(@Arg('caseId', () => ID) caseId: string, @Arg('input', () => ConclusionInput) input: ConclusionInput, @Ctx() ctx: BankContext): Promise<KdnCase> {
    return toCase(await ctx.services.kdnCases.recordConclusion(ctx.principal, await this.forCase(ctx, caseId), input as Conclusion));
  }

  @Mutation(() => KdnCase, { description: 'Постановление КДН: без межведомственной работы, ИПР или СОП; подключает ведомства' })
  async recordResolution(@Arg('caseId', () => ID) caseId: string, @Arg('input', () => ResolutionInput) input: ResolutionInput, @Ctx() ctx: BankContext): Promise<KdnCase> {
    return toCase(
      await ctx.services.kdnCases.recordResolution(ctx.principal, await this.forCase(ctx, caseId), { ...input, curator: input.curator ?? null, leadAgency: input.leadAgency ?? null } as Resolution),
    );
  }

  @Mutation(() => KdnCase, { description: 'Утвердить программу (председатель КДН)' })
  async approveProgramme(@Arg('caseId', () => ID) caseId: string, @Ctx() ctx: BankContext): Promise<KdnCase> {
    return toCase(await ctx.services.kdnCases.approveProgramme(ctx.principal, await this.forCase(ctx, caseId)));
  }

  @Mutation(() => KdnCase, { description: 'Закрыть случай постановлением о снятии с учёта; ведомства отключаются от случая, семья уведомляется (recordFamilyInformed)' })
  async closeCase(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('reason', () => ClosureReasonEnum) reason: ClosureReason,
    @Arg('resolutionNumber') resolutionNumber: string,
    @Arg('resolutionDate', () => LocalDate, { nullable: true, description: 'Дата постановления о закрытии (не в будущем, не раньше последнего шага дела); если не указана — сегодняшняя' })
    resolutionDate: string | null,
    @Arg('reasonNote', () => String, { nullable: true, description: 'Иное основание: какое (обязательно для OTHER)' }) reasonNote: string | null,
    @Ctx() ctx: BankContext,
  ): Promise<KdnCase> {
    return toCase(await ctx.services.kdnCases.close(ctx.principal, await this.forCase(ctx, caseId), reason, resolutionNumber, { resolutionDate, reasonNote }));
  }

  // The lists (kdnCases, incomingSignals) with filters and cursors: case-readback.resolver.ts.

  // The monitoring report (Primorsky appendix 4): reports/resolvers/monitoring-report.resolver.ts.

  @FieldResolver(() => [KdnCase], { description: 'Дела КДН по ребёнку' })
  async cases(@Root() child: Child, @Ctx() ctx: BankContext): Promise<KdnCase[]> {
    return (await ctx.loaders.casesByChild.load(child.id)).map(toCase);
  }
}
