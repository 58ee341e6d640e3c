import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { decide, forbidden } from '../../../../auth/access/decide';
import { AgencyCode, Principal, Role, servesTerritory } from '../../../../auth/principal';
import { Agency } from '../../../../schema/enums';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { CaseRecordRow, DueScope } from '../services/case-record.service';
import { ProgrammeRowRecord } from '../services/programme.service';
import { OperatorReportService } from '../../register/services/operator-report.service';
import { KdnCase } from '../types/kdn-case.types';
import { AddProgrammeRowInput, CaseRecord, CaseRecordDetails, CaseRecordInput, DueItem, ProgrammeRow } from '../types/programme.types';
import { isLead, isSupporting, teamOf } from '../workflow/case-records';
import { caseForCaller, requireCaseChild } from './kdn-case.resolver';

/** The commission reads everything of its territory's cases; its member too. */
const KDN_ROLES: readonly Role[] = ['kdn_chair', 'kdn_secretary', 'kdn_member'];
/** People and systems of the agencies that carry out measures. */
const AGENCY_ROLES: readonly Role[] = ['education_specialist', 'health_doctor', 'police_inspector', 'social_specialist', 'case_curator', 'guardianship_specialist', 'agency_system'];

const isKdn = (principal: Principal) => principal.roles.some((role) => KDN_ROLES.includes(role));

function dueForbidden(reason: string, message: string): GraphQLError {
  return new GraphQLError(`Недостаточно прав: case:dueItems, ${message}`, { extensions: { code: 'FORBIDDEN', permission: 'case:dueItems', reason } });
}

function toRow(row: ProgrammeRowRecord, today: string): ProgrammeRow {
  return { ...row, overdue: row.measureStatus !== 'DONE' && row.dueDate < today };
}

export function toRecord(row: CaseRecordRow): CaseRecord {
  const d = row.details ?? {};
  const details: CaseRecordDetails = {
    rehabilitationStage: d.rehabilitationStage ?? null,
    rehabilitationPotential: d.rehabilitationPotential ?? null,
    familyReaction: d.familyReaction ?? null,
    patronageKind: d.patronageKind ?? null,
    reviewOutcome: d.reviewOutcome ?? null,
    messageKind: d.messageKind ?? null,
    means: d.means ?? null,
    documentRef: d.documentRef ?? null,
  };
  return { ...row, details };
}

/** The case as the field resolvers get it: KdnCase plus the stored resolution it was built from. */
type CaseRoot = KdnCase & { resolution?: Record<string, unknown> | null };

/**
 * The programme and follow-up records of a case, and what is due. Each operation first checks
 * the caller may see the case's child (the same audited identity rule as every case step), then
 * the case-work rules (workflow/case-records.ts).
 */
@Resolver(() => KdnCase)
export class ProgrammeResolver {
  @Mutation(() => ProgrammeRow, { description: 'Добавить строку в проект программы (куратор случая или КДН, пока программа не утверждена)' })
  async addProgrammeRow(@Arg('caseId', () => ID) caseId: string, @Arg('input', () => AddProgrammeRowInput) input: AddProgrammeRowInput, @Ctx() ctx: BankContext): Promise<ProgrammeRow> {
    const kase = await caseForCaller(ctx, caseId);
    return toRow(await ctx.services.programme.addProgrammeRow(ctx.principal, kase.id, input), new Date().toISOString().slice(0, 10));
  }

  @Mutation(() => CaseRecord, {
    description: 'Внести запись по случаю: патронажный лист (вспомогательное ведомство), квартальный отчёт (основное), обследование (ведомства случая, куратор), пересмотр программы и консилиум (КДН)',
  })
  async recordCaseRecord(@Arg('caseId', () => ID) caseId: string, @Arg('input', () => CaseRecordInput) input: CaseRecordInput, @Ctx() ctx: BankContext): Promise<CaseRecord> {
    const kase = await caseForCaller(ctx, caseId);
    const { details, ...rest } = input;
    return toRecord(
      await ctx.services.caseRecords.recordCaseRecord(ctx.principal, kase.id, {
        ...rest,
        periodFrom: rest.periodFrom ?? null,
        periodTo: rest.periodTo ?? null,
        details: details ? Object.fromEntries(Object.entries(details).filter(([, value]) => value !== null && value !== undefined)) : null,
      }),
    );
  }

  @FieldResolver(() => [ProgrammeRow], { description: 'Программа: КДН и куратор видят все строки, ведомство — строки, где оно исполнитель' })
  async programme(@Root() kase: CaseRoot, @Ctx() ctx: BankContext): Promise<ProgrammeRow[]> {
    await requireCaseChild(ctx, kase.childId);
    const rows = await ctx.loaders.programmeByCase.load(kase.id);
    const { principal } = ctx;
    const curator = teamOf({ municipality: kase.municipality, resolution: kase.resolution ?? null }).curator;
    const all = isKdn(principal) || (curator !== null && curator === principal.username);
    const today = new Date().toISOString().slice(0, 10);
    // An agency sees the rows its organisation executes (rows of before organisations: its type's, in its territory).
    const mine = (row: ProgrammeRowRecord) =>
      row.executorOrganisation !== null ? row.executorOrganisation === principal.organisation?.id : row.executorAgency === principal.agency && servesTerritory(principal, kase.municipality);
    return rows.filter((row) => all || mine(row)).map((row) => toRow(row, today));
  }

  @FieldResolver(() => [CaseRecord], { description: 'Записи по случаю: КДН, куратор и ведомства случая видят все, иное ведомство — только свои' })
  async records(@Root() kase: CaseRoot, @Ctx() ctx: BankContext): Promise<CaseRecord[]> {
    await requireCaseChild(ctx, kase.childId);
    const rows = await ctx.loaders.recordsByCase.load(kase.id);
    const { principal } = ctx;
    const team = teamOf({ municipality: kase.municipality, resolution: kase.resolution ?? null });
    const all = isKdn(principal) || (team.curator !== null && team.curator === principal.username) || isLead(principal, team) || isSupporting(principal, team);
    return rows.filter((row) => all || row.agency === principal.agency).map(toRecord);
  }

  @Query(() => [DueItem], {
    description:
      'Что должно быть сделано и что просрочено по открытым делам: КДН видит свою территорию, ведомство — свои пункты, куратор — пункты своих дел (curator = своя учётная запись); оператор банка данных и секретарь КДН территории — ещё и ежеквартальную информацию оператора (пункт без дела)',
  })
  async dueItems(
    @Arg('agency', () => Agency, { nullable: true, description: 'Ответственное ведомство (для ведомства — всегда своё)' }) agency: AgencyCode | null,
    @Arg('municipality', () => String, { nullable: true, description: 'ОКТМО' }) municipality: string | null,
    @Arg('curator', () => String, { nullable: true, description: 'Куратор (учётная запись)' }) curator: string | null,
    @Arg('caseId', () => ID, { nullable: true }) caseId: string | null,
    @Arg('overdueOnly', { defaultValue: false, description: 'Только просроченные' }) overdueOnly: boolean,
    @Arg('first', () => Int, { defaultValue: 200 }) first: number,
    @Ctx() ctx: BankContext,
  ): Promise<DueItem[]> {
    const { principal } = ctx;
    const limit = v.integerRange('first', first, 1, 1000);
    const asked = municipality == null ? null : v.oktmo('municipality', municipality);
    const scope: DueScope = {
      municipalities: asked === null ? principal.territories : [asked],
      agency: agency ?? null,
      curator: curator == null ? null : v.text('curator', curator, 200),
      caseId: caseId == null ? null : v.uuid('caseId', caseId),
    };
    if (asked !== null && !servesTerritory(principal, asked)) throw dueForbidden('territory', 'дела территории, которую ваша организация не обслуживает');
    // The data bank operator's own item (no case): for its operator and the KDN secretary of the territory.
    const keepsBank = principal.roles.includes('bank_operator') || principal.roles.includes('kdn_secretary');
    let caseItems = true;
    if (isKdn(principal)) {
      if (principal.organisation === null) throw dueForbidden('role', 'сроки по делам видят КДН, ведомства случая и куратор');
    } else if (scope.curator !== null) {
      if (scope.curator !== principal.username) throw dueForbidden('not-curator', 'куратор видит пункты только своих дел');
    } else if (principal.agency !== null && principal.agency !== 'kdn' && principal.roles.some((role) => AGENCY_ROLES.includes(role))) {
      if (scope.agency !== null && scope.agency !== principal.agency) throw dueForbidden('not-own-agency', 'ведомство видит только свои пункты');
      scope.agency = principal.agency;
      scope.organisation = principal.organisation?.id ?? null;
    } else if (principal.roles.includes('bank_operator') && scope.caseId === null) {
      caseItems = false;
    } else {
      throw dueForbidden('role', 'сроки по делам видят КДН, ведомства случая и куратор');
    }
    if (scope.caseId !== null) await caseForCaller(ctx, scope.caseId);

    const items = caseItems ? (await ctx.services.caseRecords.dueItems(scope)).filter((item) => !overdueOnly || item.overdue) : [];
    const reports = keepsBank && scope.caseId === null && scope.curator === null ? await operatorReportsDue(ctx, scope, caseItems) : [];
    // Each item is about a child: the same identity rule as everywhere (territory, case, consent,
    // purpose), decided once per case, all cases at once so the loaders batch.
    const children = new Map(items.map((item) => [item.caseId, item.childId]));
    const decisions = await Promise.all(
      [...children].map(async ([id, childId]) => {
        const child = await ctx.loaders.personById.load(childId);
        if (!child) return [id, false] as const;
        const subject = await ctx.services.cases.childSubject(ctx.loaders, child, principal);
        return [id, decide(principal, 'identity:read', { purpose: ctx.meta.purpose, subject }).allowed] as const;
      }),
    );
    const allowed = new Map(decisions);
    const visible = items.filter((item) => allowed.get(item.caseId));
    const answer: DueItem[] = [
      ...visible.map((item) => ({
        caseId: item.caseId,
        caseNumber: item.caseNumber,
        municipality: item.municipality,
        kind: item.kind,
        agency: item.agency,
        organisationId: item.organisationId,
        curator: item.curator,
        dueOn: item.dueOn,
        overdue: item.overdue,
        rowNo: item.rowNo,
        addressee: item.addressee,
        provisional: item.provisional,
        provisionalReason: item.provisionalReason,
      })),
      ...reports.filter((item) => !overdueOnly || item.overdue),
    ]
      // Stable: the case items keep their order; an item without a case takes its place by date.
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
      .slice(0, limit);
    const shown = new Set(answer.map((item) => item.caseId));
    for (const childId of new Set(visible.filter((item) => shown.has(item.caseId)).map((item) => item.childId))) ctx.audit.subject('Child', childId);
    return answer;
  }
}

/**
 * The operator's quarterly report of each municipality of the scope whose bank the caller keeps
 * (register:read: the region's data bank operator, the KDN secretary of the territory). A caller
 * that sees no case items and keeps no bank of the scope is refused with the decision's reason.
 */
async function operatorReportsDue(ctx: BankContext, scope: DueScope, caseItems: boolean): Promise<DueItem[]> {
  const municipalities = scope.municipalities ?? [];
  const decisions = municipalities.map((municipality) => ({
    municipality,
    decision: decide(ctx.principal, 'register:read', { purpose: ctx.meta.purpose, subject: { municipality, participants: [] } }),
  }));
  const kept = decisions.filter((d) => d.decision.allowed);
  if (!caseItems && kept.length === 0) {
    const refused = decisions.map((d) => d.decision).find((d) => !d.allowed) ?? decide(ctx.principal, 'register:read', { purpose: ctx.meta.purpose });
    if (refused.allowed) return [];
    ctx.audit.denied(`${refused.operation}:${refused.reason}`);
    throw forbidden(refused);
  }
  for (const { decision } of kept) if (decision.allowed) ctx.audit.basis(decision.basis);
  const due = await new OperatorReportService(ctx.dataSource).due(kept.map((d) => d.municipality));
  return due
    .filter((item) => scope.agency === null || item.agency === scope.agency)
    .map((item) => ({
      caseId: null,
      caseNumber: null,
      municipality: item.municipality,
      kind: 'OPERATOR_QUARTERLY_REPORT',
      agency: item.agency as AgencyCode,
      organisationId: item.organisationId,
      curator: null,
      dueOn: item.dueOn,
      overdue: item.overdue,
      rowNo: null,
      addressee: 'DATA_BANK_OPERATOR',
      provisional: false,
      provisionalReason: null,
    }));
}
