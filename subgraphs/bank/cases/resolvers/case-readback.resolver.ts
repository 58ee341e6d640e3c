import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { decide, Decision, forbidden } from '../../../../auth/access/decide';
import { DataCategory } from '../../../../auth/access/data-categories';
import { Organisation as RegistryOrganisation } from '../../../../auth/organisations/organisation';
import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { AgencyCode } from '../../../../auth/principal';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { ageOn } from '../../identity/services/person.view';
import { Organisation } from '../../registry/types/organisation.types';
import { KdnCaseEntity } from '../entities/kdn-case.entity';
import { CaseEventRow, caseInScope, CaseListFilter, CaseReadbackService, CaseSignalRow, decodeCursor, IncomingSignalRow, PAGE_LIMIT, SignalListFilter } from '../services/case-readback.service';
import { approvalOf, changesOf, checksOf, childOf, closureOf, conclusionsOf, historyOf, historyReason, journalOf, resolutionsOf } from '../services/case-readback.view';
import {
  CaseChange,
  CaseCheck,
  CaseChild,
  CaseClosure,
  CaseConclusion,
  CaseDueChange,
  CaseHistoryEntry,
  CaseJournalEntry,
  CaseRedaction,
  CaseResolution,
  CaseSignal,
  ChildRef,
  IncomingSignalConnection,
  IncomingSignalFilter,
  KdnCaseConnection,
  KdnCaseFilter,
  ProgrammeApproval,
} from '../types/case-readback.types';
import { CaseStateEnum, IncomingSignal, KdnCase } from '../types/kdn-case.types';
import { ProgrammeRow } from '../types/programme.types';
import { toCase } from './kdn-case.resolver';

/** Per-request state of the read-back: its loaders and the decisions already taken (one audit note each). */
interface ReadbackState {
  events: DataLoader<string, CaseEventRow[]>;
  signals: DataLoader<string, CaseSignalRow[]>;
  decisions: Map<string, Promise<Decision>>;
}
const states = new WeakMap<object, ReadbackState>();

function stateOf(ctx: BankContext): ReadbackState {
  let state = states.get(ctx.loaders);
  if (!state) {
    const service = new CaseReadbackService(ctx.dataSource);
    const grouped = <T extends { caseId: string }>(load: (ids: readonly string[]) => Promise<T[]>) =>
      new DataLoader<string, T[]>(async (ids) => {
        const rows = await load(ids);
        return ids.map((id) => rows.filter((row) => row.caseId === id));
      });
    state = { events: grouped((ids) => service.events(ids)), signals: grouped((ids) => service.caseSignals(ids)), decisions: new Map() };
    states.set(ctx.loaders, state);
  }
  return state;
}

const REASON_MESSAGES: Record<string, string> = {
  no_consent: 'нет согласия законного представителя, покрывающего вашу организацию, и нет правового основания',
  consent_withdrawn: 'согласие отозвано',
  consent_expired: 'срок согласия истёк',
  consent_denied: 'законный представитель запретил такую передачу',
  purpose_not_covered: 'согласие не распространяется на эту цель',
  category_not_covered: 'согласие не распространяется на эту категорию данных',
  territory: 'ребёнок вне территорий вашей организации',
  'no-relationship': 'ребёнок вне территорий вашей организации, и она не участвует в открытом случае по нему',
  role: 'роль не даёт права на личные данные ребёнка',
};

/** May the caller read this category of the child's data (identity, contacts)? Decided once per request, audited once. */
function decideChild(ctx: BankContext, child: ChildRef, category: DataCategory): Promise<Decision> {
  const { decisions } = stateOf(ctx);
  const key = `${child.childId}|${category}`;
  let decision = decisions.get(key);
  if (!decision) {
    decision = (async () => {
      const subject = await ctx.services.cases.childSubject(ctx.loaders, { id: child.childId, municipality: child.municipality }, ctx.principal);
      const made = decide(ctx.principal, 'identity:read', { purpose: ctx.meta.purpose, subject, category });
      if (made.allowed) ctx.audit.subject('Child', child.childId);
      else ctx.audit.denied(`identity:read:${category}:${made.reason}`);
      return made;
    })();
    decisions.set(key, decision);
  }
  return decision;
}

function redacted(category: DataCategory, reason: string): GraphQLError {
  return new GraphQLError(`Поле скрыто: ${category === 'contacts' ? 'адрес ребёнка' : 'личные данные ребёнка'} — ${REASON_MESSAGES[reason] ?? reason} (${reason})`, {
    extensions: { code: 'REDACTED', category, reason },
  });
}

/** The value where the caller may read the child's data of the category; otherwise null and a REDACTED error with the reason. */
async function childField<T>(ctx: BankContext, child: ChildRef, value: () => T | Promise<T>, category: DataCategory = 'identity'): Promise<T> {
  const decision = await decideChild(ctx, child, category);
  if (!decision.allowed) throw redacted(category, decision.reason);
  return value();
}

/**
 * A case's detail is read by those who work it (scope of the lists); reached elsewhere (a child's
 * cases), it is refused. The detail fields are nullable so that the refusal voids that field only.
 */
async function requireCaseScope(ctx: BankContext, kase: KdnCaseEntity): Promise<void> {
  const participants = (await ctx.loaders.openParticipationsByChild.load(kase.childId)).map((p) => p.organisationId);
  if (caseInScope(ctx.principal, kase, participants)) return;
  ctx.audit.denied('case:read:not-in-case');
  throw new GraphQLError('Недостаточно прав: дело читают КДН его территории, организации, которым назначена проверка или которые участвуют в случае, и куратор', {
    extensions: { code: 'FORBIDDEN', permission: 'case:read', reason: 'not-in-case' },
  });
}

/** The purpose comes first: without one the caller may state, nothing about a child is read. */
function requirePurpose(ctx: BankContext, municipality: string): void {
  const decision = decide(ctx.principal, 'identity:read', { purpose: ctx.meta.purpose, subject: { municipality, participants: [] } });
  if (!decision.allowed && decision.reason.startsWith('purpose')) throw forbidden(decision);
}

function toOrganisation(o: RegistryOrganisation | null): Organisation | null {
  return o ? { id: o.id, name: o.name, type: o.type, kind: o.kind, region: o.region, territories: o.territories, parent: o.parent } : null;
}

function childRoot(kase: { childId: string; municipality: string }, receivedOn: string): CaseChild {
  return { id: kase.childId, municipality: kase.municipality, receivedOn };
}

const page = (first: number) => v.integerRange('first', first, 1, PAGE_LIMIT);

function toSignal(row: IncomingSignalRow): IncomingSignal {
  return { ...row, agency: row.agency as AgencyCode, observedAt: new Date(row.observedAt) } as IncomingSignal;
}

/**
 * The case read back whole and the commission's lists (issue 12, item 1). The case is seen by
 * those who work it; the child's name, birth date and address, and the free text about the child,
 * only where decide() allows identity:read, otherwise null with a REDACTED error naming why.
 */
@Resolver(() => KdnCase)
export class CaseReadbackResolver {
  @Query(() => KdnCase, { nullable: true, description: 'Дело КДН целиком: по идентификатору или по номеру в журнале' })
  async kdnCase(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('number', () => String, { nullable: true, description: 'Номер в журнале' }) number: string | null,
    @Ctx() ctx: BankContext,
  ): Promise<KdnCase | null> {
    const kase = await new CaseReadbackService(ctx.dataSource).byIdOrNumber(id ?? null, number ?? null);
    if (!kase) return null;
    requirePurpose(ctx, kase.municipality);
    ctx.audit.subject('Child', kase.childId);
    await requireCaseScope(ctx, kase);
    return toCase(kase);
  }

  @Query(() => KdnCaseConnection, {
    description: `Дела, с которыми работает вызывающий (КДН — своей территории, ведомство — где проверяет или участвует, куратор — свои), сначала новые; следующая страница — after: pageInfo.endCursor; не больше ${PAGE_LIMIT} за страницу`,
  })
  async kdnCasesConnection(
    @Arg('filter', () => KdnCaseFilter, { nullable: true }) filter: KdnCaseFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor предыдущей страницы' }) after: string | null,
    @Ctx() ctx: BankContext,
  ): Promise<KdnCaseConnection> {
    const result = await this.casePage(ctx, filter ?? {}, null, null, first, after == null ? null : decodeCursor('after', after, 2));
    // Every case of the page is about a child: touched, whether or not its name may be shown (the child field decides).
    for (const { row } of result.rows) ctx.audit.subject('Child', row.childId);
    const edges = result.rows.map(({ cursor, row }) => ({ cursor, node: toCase(row) }));
    return { edges, nodes: edges.map((e) => e.node), pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: result.hasNextPage } };
  }

  @Query(() => [KdnCase], {
    description: `Дела, с которыми работает вызывающий и ребёнка которых ему можно видеть (КДН — своей территории, ведомство — где проверяет или участвует, куратор — свои), сначала новые; следующая страница — after: id последнего дела; не больше ${PAGE_LIMIT} за страницу. Дела, где личные данные ребёнка скрыты, — в kdnCasesConnection`,
  })
  async kdnCases(
    @Arg('filter', () => KdnCaseFilter, { nullable: true }) filter: KdnCaseFilter | null,
    @Arg('state', () => CaseStateEnum, { nullable: true, description: 'То же, что filter.state' }) state: string | null,
    @Arg('overdueOnly', () => Boolean, { nullable: true, description: 'Только просроченные проверки (шире — filter.overdue)' }) overdueOnly: boolean | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => ID, { nullable: true, description: 'id последнего дела предыдущей страницы' }) after: string | null,
    @Ctx() ctx: BankContext,
  ): Promise<KdnCase[]> {
    const service = new CaseReadbackService(ctx.dataSource);
    const limit = page(first);
    // As this list always did: only cases whose child the caller may read (an item refused in part
    // would void the whole list). Pages on until `first` such cases or the end: never a silent gap.
    const found: KdnCaseEntity[] = [];
    let key = after == null ? null : await service.caseKey(after);
    for (;;) {
      const result = await this.casePage(ctx, filter ?? {}, state ?? null, overdueOnly ?? null, limit - found.length, key);
      for (const { row } of result.rows) if ((await decideChild(ctx, childOf(row), 'identity')).allowed) found.push(row);
      if (!result.hasNextPage || found.length >= limit || result.rows.length === 0) break;
      key = decodeCursor('after', result.rows.at(-1)!.cursor, 2);
    }
    return found.map(toCase);
  }

  private async casePage(ctx: BankContext, f: KdnCaseFilter, state: string | null, overdueOnly: boolean | null, first: number, after: string[] | null) {
    const { principal } = ctx;
    if (!principal.organisation) throw forbidden({ allowed: false, operation: 'identity:read', reason: 'role' });
    requirePurpose(ctx, principal.territories?.[0] ?? '');
    if (f.organisationId != null && !loadOrganisationRegistry().find(f.organisationId))
      throw inputError('filter.organisationId', f.organisationId, 'organisation.known', 'организации с таким ОГРН нет в реестре организаций');
    const listFilter: CaseListFilter = {
      state: f.state ?? state ?? null,
      territory: f.territory == null ? null : v.oktmo('filter.territory', f.territory),
      organisationId: f.organisationId ?? null,
      curator: f.curator == null ? null : v.text('filter.curator', f.curator, 200),
      overdue: f.overdue === true,
      checkOverdue: overdueOnly === true,
      receivedFrom: f.receivedFrom == null ? null : v.date('filter.receivedFrom', f.receivedFrom),
      receivedTo: f.receivedTo == null ? null : v.date('filter.receivedTo', f.receivedTo),
    };
    if (listFilter.receivedFrom && listFilter.receivedTo && listFilter.receivedTo < listFilter.receivedFrom)
      throw inputError('filter.receivedTo', listFilter.receivedTo, 'period.order', 'конец периода раньше начала');
    return new CaseReadbackService(ctx.dataSource).cases(principal, listFilter, page(first), after);
  }

  @Query(() => IncomingSignalConnection, {
    description: `Журнал КДН: входящие сигналы ведомств о детях территории (кто сообщил и насколько срочно, без описания), сначала новые; следующая страница — after: pageInfo.endCursor; не больше ${PAGE_LIMIT} за страницу`,
  })
  async incomingSignalsConnection(
    @Arg('filter', () => IncomingSignalFilter, { nullable: true }) filter: IncomingSignalFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor предыдущей страницы' }) after: string | null,
    @Ctx() ctx: BankContext,
  ): Promise<IncomingSignalConnection> {
    const result = await this.signalPage(ctx, filter ?? {}, null, first, after == null ? null : decodeCursor('after', after, 3));
    const edges = result.rows.map(({ cursor, row }) => ({ cursor, node: toSignal(row) }));
    return { edges, nodes: edges.map((e) => e.node), pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: result.hasNextPage } };
  }

  @Query(() => [IncomingSignal], {
    description: `Журнал КДН: входящие сигналы ведомств о детях территории, сначала новые; по умолчанию — ждущие регистрации; следующая страница — after: signalId последнего сигнала (или incomingSignalsConnection); не больше ${PAGE_LIMIT} за страницу`,
  })
  async incomingSignals(
    @Arg('filter', () => IncomingSignalFilter, { nullable: true }) filter: IncomingSignalFilter | null,
    @Arg('waitingOnly', () => Boolean, { nullable: true, description: 'То же, что filter.waitingOnly (по умолчанию да)' }) waitingOnly: boolean | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => ID, { nullable: true, description: 'signalId последнего сигнала предыдущей страницы' }) after: string | null,
    @Ctx() ctx: BankContext,
  ): Promise<IncomingSignal[]> {
    const service = new CaseReadbackService(ctx.dataSource);
    const result = await this.signalPage(ctx, filter ?? {}, waitingOnly ?? null, first, after == null ? null : await service.signalKey(after));
    return result.rows.map(({ row }) => toSignal(row));
  }

  private async signalPage(ctx: BankContext, f: IncomingSignalFilter, waitingOnly: boolean | null, first: number, after: string[] | null) {
    const { principal } = ctx;
    if (principal.agency !== 'kdn' && !principal.roles.some((role) => role === 'kdn_secretary' || role === 'kdn_chair' || role === 'kdn_member')) {
      throw forbidden({ allowed: false, operation: 'identity:read', reason: 'role' });
    }
    requirePurpose(ctx, principal.territories?.[0] ?? '');
    const listFilter: SignalListFilter = {
      waitingOnly: f.waitingOnly ?? waitingOnly ?? true,
      territory: f.territory == null ? null : v.oktmo('filter.territory', f.territory),
      agency: f.agency ?? null,
      organisationId: f.organisationId ?? null,
      urgency: f.urgency ?? null,
      receivedFrom: f.receivedFrom == null ? null : v.date('filter.receivedFrom', f.receivedFrom),
      receivedTo: f.receivedTo == null ? null : v.date('filter.receivedTo', f.receivedTo),
    };
    // Each row is about a child: touched, whether or not its name may be shown (the child field decides).
    const result = await new CaseReadbackService(ctx.dataSource).signals(principal.territories ?? [], listFilter, page(first), after);
    for (const { row } of result.rows) ctx.audit.subject('Child', row.childId);
    return result;
  }

  private async events(ctx: BankContext, kase: KdnCase): Promise<{ entity: KdnCaseEntity; events: CaseEventRow[] }> {
    const entity = kase as unknown as KdnCaseEntity;
    await requireCaseScope(ctx, entity);
    return { entity, events: await stateOf(ctx).events.load(kase.id) };
  }

  @FieldResolver(() => CaseChild, { nullable: true, description: 'Ребёнок: Ф.И.О., дата рождения, возраст, адрес — где вызывающему можно их читать' })
  async child(@Root() kase: KdnCase, @Ctx() ctx: BankContext): Promise<CaseChild> {
    await requireCaseScope(ctx, kase as unknown as KdnCaseEntity);
    return childRoot(kase, kase.receivedOn);
  }

  @FieldResolver(() => CaseJournalEntry, { nullable: true, description: 'Запись журнала регистрации сигналов: все графы' })
  async journal(@Root() kase: KdnCase, @Ctx() ctx: BankContext): Promise<CaseJournalEntry> {
    const { entity, events } = await this.events(ctx, kase);
    return { ...journalOf(entity, events), child: childRoot(kase, kase.receivedOn), summaryOf: { child: childOf(entity), text: entity.summary } } as CaseJournalEntry;
  }

  @FieldResolver(() => [CaseSignal], { nullable: true, description: 'Сигналы ведомств, по которым зарегистрировано дело' })
  async signals(@Root() kase: KdnCase, @Ctx() ctx: BankContext): Promise<CaseSignal[]> {
    await requireCaseScope(ctx, kase as unknown as KdnCaseEntity);
    const rows = await stateOf(ctx).signals.load(kase.id);
    return rows.map((r) => {
      const s = r.state;
      const organisationId = typeof s.organisationId === 'string' ? s.organisationId : null;
      return {
        agency: r.agency as AgencyCode,
        signalId: r.signalId,
        observedAt: typeof s.observedAt === 'string' ? new Date(s.observedAt) : null,
        sourceKind: (s.sourceKind as string) ?? null,
        urgency: (s.urgency as string) ?? null,
        status: (s.status as string) ?? null,
        indicatorCodes: Array.isArray(s.indicatorCodes) ? (s.indicatorCodes as string[]) : [],
        reporterOrganisation: ((s.reporter as Record<string, unknown> | undefined)?.organisation as string) ?? null,
        organisationId,
        organisation: toOrganisation(organisationId ? loadOrganisationRegistry().find(organisationId) : null),
      };
    });
  }

  @FieldResolver(() => [CaseCheck], { nullable: true, description: 'Назначения проверки: организации, срок, продления' })
  async checks(@Root() kase: KdnCase, @Ctx() ctx: BankContext): Promise<CaseCheck[]> {
    const { entity, events } = await this.events(ctx, kase);
    return checksOf(entity, events);
  }

  @FieldResolver(() => [CaseConclusion], { nullable: true, description: 'Заключения по проверке, включая возвращённые на доработку' })
  async conclusions(@Root() kase: KdnCase, @Ctx() ctx: BankContext): Promise<CaseConclusion[]> {
    const { entity, events } = await this.events(ctx, kase);
    return conclusionsOf(entity, events);
  }

  @FieldResolver(() => [CaseResolution], { nullable: true, description: 'Постановления КДН по делу' })
  async resolutions(@Root() kase: KdnCase, @Ctx() ctx: BankContext): Promise<CaseResolution[]> {
    const { entity, events } = await this.events(ctx, kase);
    return resolutionsOf(entity, events);
  }

  @FieldResolver(() => CaseClosure, { nullable: true, description: 'Закрытие случая: дата, основание, постановление' })
  async closure(@Root() kase: KdnCase, @Ctx() ctx: BankContext): Promise<CaseClosure | null> {
    const { entity, events } = await this.events(ctx, kase);
    return closureOf(entity, events);
  }

  @FieldResolver(() => ProgrammeApproval, { nullable: true, description: 'Утверждение программы: кто и когда' })
  async programmeApproval(@Root() kase: KdnCase, @Ctx() ctx: BankContext): Promise<ProgrammeApproval | null> {
    const { events } = await this.events(ctx, kase);
    return approvalOf(events);
  }

  @FieldResolver(() => [CaseHistoryEntry], { nullable: true, description: 'История дела по шагам: кто, от какой организации, когда, что изменилось и почему' })
  async history(@Root() kase: KdnCase, @Ctx() ctx: BankContext): Promise<CaseHistoryEntry[]> {
    const { entity, events } = await this.events(ctx, kase);
    return historyOf(entity, events);
  }
}

/** The child's fields: each decided for the caller. */
@Resolver(() => CaseChild)
export class CaseChildResolver {
  private person(ctx: BankContext, child: CaseChild) {
    return ctx.loaders.personById.load(child.id);
  }

  private ref(child: CaseChild): ChildRef {
    return { childId: child.id, municipality: child.municipality };
  }

  @FieldResolver(() => String, { nullable: true })
  fullName(@Root() child: CaseChild, @Ctx() ctx: BankContext): Promise<string | null> {
    return childField(ctx, this.ref(child), async () => {
      const p = await this.person(ctx, child);
      return p ? [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ') : null;
    });
  }

  @FieldResolver(() => String, { nullable: true })
  birthDate(@Root() child: CaseChild, @Ctx() ctx: BankContext): Promise<string | null> {
    return childField(ctx, this.ref(child), async () => (await this.person(ctx, child))?.birthDate ?? null);
  }

  @FieldResolver(() => Int, { nullable: true })
  age(@Root() child: CaseChild, @Ctx() ctx: BankContext): Promise<number | null> {
    return childField(ctx, this.ref(child), async () => {
      const p = await this.person(ctx, child);
      return p ? ageOn(p.birthDate) : null;
    });
  }

  @FieldResolver(() => Int, { nullable: true })
  ageOnReceipt(@Root() child: CaseChild, @Ctx() ctx: BankContext): Promise<number | null> {
    return childField(ctx, this.ref(child), async () => {
      const p = await this.person(ctx, child);
      return p ? ageOn(p.birthDate, new Date(`${child.receivedOn.slice(0, 10)}T12:00:00Z`)) : null;
    });
  }

  @FieldResolver(() => String, { nullable: true })
  address(@Root() child: CaseChild, @Ctx() ctx: BankContext): Promise<string | null> {
    return childField(
      ctx,
      this.ref(child),
      async () => {
        const p = await this.person(ctx, child);
        return p?.actualAddress ?? p?.registeredAddress ?? null;
      },
      'contacts',
    );
  }

  @FieldResolver(() => [String], { nullable: true })
  parents(@Root() child: CaseChild, @Ctx() ctx: BankContext): Promise<string[] | null> {
    return childField(ctx, this.ref(child), async () => {
      const memberships = await ctx.loaders.membershipsByPerson.load(child.id);
      const members = (await Promise.all(memberships.map((m) => ctx.loaders.membersByFamily.load(m.familyId)))).flat().filter((m) => m.role !== 'CHILD');
      const people = await Promise.all(members.map((m) => ctx.loaders.personById.load(m.personId)));
      const names: string[] = [];
      for (const [i, p] of people.entries()) {
        if (!p) continue;
        // A parent is a person of his or her own: the same rule decides, for that person.
        const subject = await ctx.services.cases.personSubject(ctx.loaders, p, ctx.principal);
        const decision = decide(ctx.principal, 'identity:read', { purpose: ctx.meta.purpose, subject });
        if (!decision.allowed) throw redacted('identity', decision.reason);
        names.push(`${[p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ')} (${ROLE_CAPTIONS[members[i].role] ?? members[i].role})`);
      }
      return [...new Set(names)];
    });
  }

  @FieldResolver(() => CaseRedaction, { nullable: true })
  async redaction(@Root() child: CaseChild, @Ctx() ctx: BankContext): Promise<CaseRedaction | null> {
    const decision = await decideChild(ctx, this.ref(child), 'identity');
    return decision.allowed ? null : { category: 'identity', reason: decision.reason, message: REASON_MESSAGES[decision.reason] ?? decision.reason };
  }
}

const ROLE_CAPTIONS: Record<string, string> = { MOTHER: 'мать', FATHER: 'отец', GUARDIAN: 'опекун (попечитель)', OTHER_ADULT: 'иной взрослый член семьи' };

type JournalRoot = CaseJournalEntry & { summaryOf: { child: ChildRef; text: string } };

@Resolver(() => CaseJournalEntry)
export class CaseJournalResolver {
  @FieldResolver(() => String, { nullable: true })
  summary(@Root() entry: JournalRoot, @Ctx() ctx: BankContext): Promise<string | null> {
    return childField(ctx, entry.summaryOf.child, () => entry.summaryOf.text);
  }
}

@Resolver(() => CaseConclusion)
export class CaseConclusionResolver {
  @FieldResolver(() => String, { nullable: true })
  text(@Root() conclusion: CaseConclusion, @Ctx() ctx: BankContext): Promise<string | null> {
    return childField(ctx, conclusion.child, () => conclusion.rawText);
  }

  @FieldResolver(() => String, { nullable: true })
  returnReason(@Root() conclusion: CaseConclusion, @Ctx() ctx: BankContext): Promise<string | null> {
    return childField(ctx, conclusion.child, () => conclusion.rawReturnReason);
  }
}

@Resolver(() => CaseDueChange)
export class CaseDueChangeResolver {
  @FieldResolver(() => String, { nullable: true })
  reason(@Root() change: CaseDueChange, @Ctx() ctx: BankContext): Promise<string | null> {
    return childField(ctx, change.child, () => change.rawReason);
  }
}

@Resolver(() => CaseHistoryEntry)
export class CaseHistoryResolver {
  @FieldResolver(() => String, { nullable: true })
  reason(@Root() entry: CaseHistoryEntry, @Ctx() ctx: BankContext): Promise<string | null> {
    return childField(ctx, entry.child, () => historyReason(entry));
  }

  @FieldResolver(() => [CaseChange], { nullable: true })
  changes(@Root() entry: CaseHistoryEntry, @Ctx() ctx: BankContext): Promise<CaseChange[]> {
    return childField(ctx, entry.child, () => changesOf(entry.payload));
  }

  @FieldResolver(() => String, { nullable: true })
  details(@Root() entry: CaseHistoryEntry, @Ctx() ctx: BankContext): Promise<string> {
    return childField(ctx, entry.child, () => JSON.stringify(entry.payload));
  }
}

/** The journal row's child and reporting organisation. */
@Resolver(() => IncomingSignal)
export class IncomingSignalReadbackResolver {
  @FieldResolver(() => CaseChild, { description: 'Ребёнок: Ф.И.О., дата рождения, возраст — где вызывающему можно их читать' })
  child(@Root() signal: IncomingSignal & { municipality: string }): CaseChild {
    return childRoot({ childId: signal.childId, municipality: signal.municipality }, new Date(signal.observedAt).toISOString().slice(0, 10));
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Сообщившая организация (ОГРН)' })
  organisationId(@Root() signal: IncomingSignal & { organisationId?: string | null }): string | null {
    return signal.organisationId ?? null;
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'Сообщившая организация' })
  organisation(@Root() signal: IncomingSignal & { organisationId?: string | null }): Organisation | null {
    return toOrganisation(signal.organisationId ? loadOrganisationRegistry().find(signal.organisationId) : null);
  }
}

/** The executing organisation of a programme row, by name. */
@Resolver(() => ProgrammeRow)
export class ProgrammeRowOrganisationResolver {
  @FieldResolver(() => String, { nullable: true, description: 'Организация-исполнитель: наименование' })
  executorOrganisationName(@Root() row: ProgrammeRow): string | null {
    return row.executorOrganisation ? (loadOrganisationRegistry().find(row.executorOrganisation)?.name ?? null) : null;
  }
}

export const CASE_READBACK_RESOLVERS = [
  CaseReadbackResolver,
  CaseChildResolver,
  CaseJournalResolver,
  CaseConclusionResolver,
  CaseDueChangeResolver,
  CaseHistoryResolver,
  IncomingSignalReadbackResolver,
  ProgrammeRowOrganisationResolver,
] as const;
