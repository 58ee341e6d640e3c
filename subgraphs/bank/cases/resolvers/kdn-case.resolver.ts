import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { decide, forbidden, requireAudited } from '../../../../auth/access/decide';
import { AgencyCode } from '../../../../auth/principal';
import { Agency } from '../../../../schema/enums';
import { notFound } from '../../../common/errors';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { Child } from '../../child.reference';
import { KdnCaseEntity } from '../entities/kdn-case.entity';
import { Conclusion, Resolution } from '../services/kdn-case.service';
import { CaseStateEnum, ClosureReasonEnum, ConclusionInput, IncomingSignal, KdnCase, MonitoringReport, Notification, RegisterInJournalInput, ResolutionInput } from '../types/kdn-case.types';
import { reportCsv } from '../../reports/services/monitoring-report.service';
import { LocalDate } from '../../../../schema/scalars';
import { inputError } from '../../../common/errors';
import { allowedActions, CaseState, ClosureReason } from '../workflow/case-workflow';
import { DUE_KIND_CAPTIONS, teamOf } from '../workflow/case-records';

function toCase(row: KdnCaseEntity): KdnCase {
  const today = new Date().toISOString().slice(0, 10);
  return {
    ...row,
    overdue: row.state === 'CHECKING' && row.checkDue !== null && row.checkDue < today,
    suggestedRisk: row.suggestedRisk as KdnCase['suggestedRisk'],
    checkAgencies: row.checkAgencies as AgencyCode[],
    checkOrganisationIds: row.checkOrganisations ?? [],
    detectingOrganisationId: row.detectingOrganisation ?? null,
    leadOrganisationId: teamOf({ municipality: row.municipality, resolution: row.resolution }).leadOrganisation,
    supportingOrganisationIds: teamOf({ municipality: row.municipality, resolution: row.resolution }).supportingOrganisations,
    conclusionKind: (row.conclusion?.kind as string) ?? null,
    resolutionKind: (row.resolution?.kind as string) ?? null,
    allowedActions: allowedActions(row.state as CaseState),
  };
}

/** The access every case operation starts with: the caller may see the case's child (territory, case, consent, purpose), audited. */
export async function requireCaseChild(ctx: BankContext, childId: string): Promise<void> {
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
    const child = await ctx.loaders.personById.load(v.uuid('input.childId', input.childId));
    if (!child) throw notFound('Ребёнок', input.childId);
    requireAudited(ctx, 'identity:read', { subject: await ctx.services.cases.childSubject(ctx.loaders, child, ctx.principal) }, { kind: 'Child', id: child.id });
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
    return toCase(await ctx.services.kdnCases.recordResolution(ctx.principal, await this.forCase(ctx, caseId), { ...input, curator: input.curator ?? null, leadAgency: input.leadAgency ?? null } as Resolution));
  }

  @Mutation(() => KdnCase, { description: 'Утвердить программу (председатель КДН)' })
  async approveProgramme(@Arg('caseId', () => ID) caseId: string, @Ctx() ctx: BankContext): Promise<KdnCase> {
    return toCase(await ctx.services.kdnCases.approveProgramme(ctx.principal, await this.forCase(ctx, caseId)));
  }

  @Mutation(() => KdnCase, { description: 'Закрыть случай постановлением; ведомства отключаются от случая' })
  async closeCase(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('reason', () => ClosureReasonEnum) reason: ClosureReason,
    @Arg('resolutionNumber') resolutionNumber: string,
    @Ctx() ctx: BankContext,
  ): Promise<KdnCase> {
    return toCase(await ctx.services.kdnCases.close(ctx.principal, await this.forCase(ctx, caseId), reason, resolutionNumber));
  }

  @Query(() => [KdnCase], { description: 'Дела: КДН видит свою территорию, ведомство — дела, где оно проверяет или участвует; отбор по состоянию и просрочке' })
  async kdnCases(
    @Arg('state', () => CaseStateEnum, { nullable: true }) state: string | null,
    @Arg('overdueOnly', { defaultValue: false }) overdueOnly: boolean,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() ctx: BankContext,
  ): Promise<KdnCase[]> {
    const { principal } = ctx;
    const rows = await ctx.services.kdnCases.visibleTo(principal, { state, overdueOnly, first: v.integerRange('first', first, 1, 500) });
    // Each case is about a child: the same identity rule as everywhere (territory, case, consent, purpose).
    const visible: KdnCaseEntity[] = [];
    for (const row of rows) {
      const child = await ctx.loaders.personById.load(row.childId);
      if (!child) continue;
      const subject = await ctx.services.cases.childSubject(ctx.loaders, child, principal);
      if (decide(principal, 'identity:read', { purpose: ctx.meta.purpose, subject }).allowed) {
        ctx.audit.subject('Child', child.id);
        visible.push(row);
      }
    }
    return visible.map(toCase);
  }

  @Query(() => [IncomingSignal], { description: 'Журнал КДН: входящие сигналы ведомств о детях территории; по умолчанию — ждущие регистрации' })
  async incomingSignals(
    @Arg('waitingOnly', { defaultValue: true }) waitingOnly: boolean,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() ctx: BankContext,
  ): Promise<IncomingSignal[]> {
    const { principal } = ctx;
    if (principal.agency !== 'kdn' && !principal.roles.some((role) => role === 'kdn_secretary' || role === 'kdn_chair' || role === 'kdn_member')) {
      throw forbidden({ allowed: false, operation: 'identity:read', reason: 'role' });
    }
    const rows = await ctx.services.kdnCases.incomingSignals(principal.territories, waitingOnly, v.integerRange('first', first, 1, 500));
    const visible: IncomingSignal[] = [];
    for (const row of rows) {
      const child = await ctx.loaders.personById.load(row.childId);
      if (!child) continue;
      const subject = await ctx.services.cases.childSubject(ctx.loaders, child, principal);
      if (!decide(principal, 'identity:read', { purpose: ctx.meta.purpose, subject }).allowed) continue;
      ctx.audit.subject('Child', child.id);
      visible.push({ ...row, agency: row.agency as AgencyCode, observedAt: new Date(row.observedAt) });
    }
    return visible;
  }

  @Query(() => MonitoringReport, { description: 'Отчёт мониторинга (Приморский край, приложение 4) за период по муниципальному образованию' })
  async monitoringReport(
    @Arg('municipality') municipality: string,
    @Arg('from', () => LocalDate) from: string,
    @Arg('to', () => LocalDate) to: string,
    @Ctx() ctx: BankContext,
  ): Promise<MonitoringReport> {
    requireAudited(ctx, 'report:read', { subject: { municipality: v.oktmo('municipality', municipality), participants: [] } });
    if (to < from) throw inputError('to', to, 'period.order', 'конец периода раньше начала');
    const rows = await ctx.services.reports.compute(municipality, v.date('from', from), v.date('to', to));
    return { municipality, from, to, rows, csv: reportCsv(rows) };
  }

  @Query(() => [Notification], { description: 'Уведомления моему ведомству: назначенные проверки, постановления, закрытия, просрочки' })
  async notifications(@Arg('first', () => Int, { defaultValue: 50 }) first: number, @Ctx() ctx: BankContext): Promise<Notification[]> {
    // Only case numbers and tasks: no personal data, so any hub role with an agency may read its own.
    if (!ctx.meta.purpose) throw forbidden({ allowed: false, operation: 'identity:read', reason: 'purpose_missing' });
    const limit = v.integerRange('first', first, 1, 500);
    const stored = await ctx.services.kdnCases.notificationsFor(ctx.principal, limit);
    return [...(await this.dueReminders(ctx)), ...stored].slice(0, limit);
  }

  /**
   * Reminders computed from what is due (never stored, always current): the caller's agency's
   * programme rows, sheets, reports, surveys and reviews overdue or due within 3 days, and a
   * curator's cases' items of every agency, by case number only. Overdue checks are already
   * among the stored kinds' reminders.
   */
  private async dueReminders(ctx: BankContext): Promise<Notification[]> {
    const { principal } = ctx;
    if (!principal.agency) return [];
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const items = await ctx.services.caseRecords.dueItems({ municipalities: principal.territories, agency: principal.agency, organisation: principal.agency === 'kdn' ? null : (principal.organisation?.id ?? null), curator: null, caseId: null });
    // A curator also hears of every agency's items in the cases he or she curates.
    const curated = principal.roles.includes('case_curator')
      ? await ctx.services.caseRecords.dueItems({ municipalities: null, agency: null, curator: principal.username, caseId: null })
      : [];
    const mine = [...items.filter((item) => item.agency === principal.agency), ...curated.filter((item) => item.agency !== principal.agency)];
    return mine
      .filter((item) => item.kind !== 'CHECK' && (item.overdue || item.dueOn <= soon))
      .map((item) => ({
        id: `due:${item.caseId}:${item.kind}:${item.agency}:${item.rowNo ?? ''}`,
        kind: item.overdue ? 'OVERDUE' : 'DUE_SOON',
        caseId: item.caseId,
        childId: null,
        message: `${item.overdue ? 'Просрочено' : 'Срок подходит'} по делу ${item.caseNumber}: ${DUE_KIND_CAPTIONS[item.kind]}${item.rowNo ? ` (строка ${item.rowNo})` : ''}${item.agency !== principal.agency ? `, ведомство ${item.agency}` : ''}, срок ${item.dueOn}`,
        createdAt: new Date(),
      }));
  }

  @FieldResolver(() => [KdnCase], { description: 'Дела КДН по ребёнку' })
  async cases(@Root() child: Child, @Ctx() ctx: BankContext): Promise<KdnCase[]> {
    return (await ctx.loaders.casesByChild.load(child.id)).map(toCase);
  }
}
