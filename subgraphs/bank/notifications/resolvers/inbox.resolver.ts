import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { forbidden, requireAudited } from '../../../../auth/access/decide';
import { AgencyCode } from '../../../../auth/principal';
import { Agency } from '../../../../schema/enums';
import { inputError, notFound } from '../../../common/errors';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { Notification } from '../../cases/types/kdn-case.types';
import { DUE_KIND_CAPTIONS } from '../../cases/workflow/case-records';
import { InboxService, StreamFilter } from '../services/inbox.service';
import { signalFate } from '../services/signal-fate.service';
import { DueReminder, NotificationPage, SignalFate } from '../types/inbox.types';

/** Notification kinds are open-ended (CASE_RECORD_<вид>, new steps add their own): a filter names them as stored. */
function kindsFilter(kinds: string[] | null | undefined): string[] | null {
  if (!kinds || kinds.length === 0) return null;
  if (kinds.length > 50) throw inputError('kinds', kinds.length, 'kinds.max', 'не более 50 видов уведомлений');
  kinds.forEach((kind, i) => {
    if (!/^[A-Z][A-Z0-9_]{0,59}$/.test(kind)) throw inputError(`kinds[${i}]`, kind, 'kind.format', 'вид уведомления пишется заглавными латинскими буквами, например CASE_CLOSED');
  });
  return kinds;
}

/** Only case numbers, organisations and tasks: no personal data, so any caller acting for an organisation (or a person addressed by name) reads its own; the purpose is still stated. */
function requirePurpose(ctx: BankContext): void {
  if (!ctx.meta.purpose) throw forbidden({ allowed: false, operation: 'identity:read', reason: 'purpose_missing' });
}

/**
 * The inbox (issue 12, item 5): notifications as a durable ordered stream per organisation and per
 * person, read marks, reminders apart; and the source's feedback (item 6).
 */
@Resolver()
export class InboxResolver {
  private service(ctx: BankContext): InboxService {
    return new InboxService(ctx.dataSource);
  }

  @Query(() => NotificationPage, {
    description:
      'Лента уведомлений моей организации и мне лично, по порядку записи: с курсора after (пусто — с начала), first штук. Система после перерыва продолжает с сохранённого endCursor и получает каждое уведомление один раз, по порядку; это же повтор доставки вебхуков',
  })
  async inbox(
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('kinds', () => [String], { nullable: true, description: 'Только эти виды уведомлений' }) kinds: string[] | null,
    @Arg('unreadOnly', { defaultValue: false }) unreadOnly: boolean,
    @Ctx() ctx: BankContext,
  ): Promise<NotificationPage> {
    requirePurpose(ctx);
    const filter: StreamFilter = { kinds: kindsFilter(kinds), unreadOnly };
    const page = await this.service(ctx).page(ctx.principal, after, v.integerRange('first', first, 1, 500), filter);
    return { ...page, unreadCount: await this.service(ctx).unreadCount(ctx.principal) };
  }

  @Query(() => [Notification], { description: 'Последние уведомления моей организации и мне лично, новые первыми; только события, напоминания о сроках — dueReminders' })
  async notifications(
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('kinds', () => [String], { nullable: true, description: 'Только эти виды уведомлений' }) kinds: string[] | null,
    @Arg('unreadOnly', { defaultValue: false }) unreadOnly: boolean,
    @Ctx() ctx: BankContext,
  ): Promise<Notification[]> {
    requirePurpose(ctx);
    return this.service(ctx).latest(ctx.principal, v.integerRange('first', first, 1, 500), { kinds: kindsFilter(kinds), unreadOnly });
  }

  @Mutation(() => Int, { description: 'Отметить прочитанным: всё до курсора upTo включительно и (или) уведомления ids; возвращает число непрочитанных' })
  async markNotificationsRead(
    @Arg('upTo', () => String, { nullable: true }) upTo: string | null,
    @Arg('ids', () => [ID], { nullable: true }) ids: string[] | null,
    @Ctx() ctx: BankContext,
  ): Promise<number> {
    requirePurpose(ctx);
    ids ??= [];
    if (ids.length > 500) throw inputError('ids', ids.length, 'ids.max', 'не более 500 уведомлений за раз');
    return this.service(ctx).markRead(ctx.principal, upTo, ids);
  }

  /**
   * Reminders computed from what is due (never stored, always current, never in the stream): the
   * caller's overdue checks, its agency's programme rows, sheets, reports, surveys and reviews
   * overdue or due within 3 days, and a curator's cases' items of every agency, by case number.
   */
  @Query(() => [DueReminder], {
    description:
      'Напоминания о сроках: просроченные проверки, мероприятия, листы, отчёты, обследования и пересмотры моего ведомства (куратору — по его делам), просроченные и со сроком в ближайшие 3 дня',
  })
  async dueReminders(@Arg('first', () => Int, { defaultValue: 100 }) first: number, @Ctx() ctx: BankContext): Promise<DueReminder[]> {
    requirePurpose(ctx);
    const limit = v.integerRange('first', first, 1, 1000);
    const { principal } = ctx;
    if (!principal.agency || !principal.organisation) return [];
    const checks = await ctx.services.kdnCases.visibleTo(principal, { state: null, overdueOnly: true, first: limit });
    const organisation = principal.organisation.id;
    const checking = (c: { checkOrganisations: string[]; checkAgencies: string[]; municipality: string }) =>
      c.checkOrganisations.length > 0 ? c.checkOrganisations.includes(organisation) : c.checkAgencies.includes(principal.agency!) && (principal.territories ?? []).includes(c.municipality);
    const overdueChecks: DueReminder[] = checks
      .filter((c) => principal.agency === 'kdn' || checking(c))
      .map((c) => ({ id: `overdue:${c.id}`, kind: 'CHECK_OVERDUE', caseId: c.id, caseNumber: c.number, dueOn: c.checkDue!, message: `Просрочена проверка по делу ${c.number} (срок ${c.checkDue})` }));
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const items = await ctx.services.caseRecords.dueItems({
      municipalities: principal.territories,
      agency: principal.agency,
      organisation: principal.agency === 'kdn' ? null : organisation,
      curator: null,
      caseId: null,
    });
    // A curator also hears of every agency's items in the cases he or she curates.
    const curated = principal.roles.includes('case_curator') ? await ctx.services.caseRecords.dueItems({ municipalities: null, agency: null, curator: principal.username, caseId: null }) : [];
    const mine = [...items.filter((item) => item.agency === principal.agency), ...curated.filter((item) => item.agency !== principal.agency)];
    const due: DueReminder[] = mine
      .filter((item) => item.kind !== 'CHECK' && (item.overdue || item.dueOn <= soon))
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.caseNumber.localeCompare(b.caseNumber))
      .map((item) => ({
        id: `due:${item.caseId}:${item.kind}:${item.agency}:${item.rowNo ?? ''}`,
        kind: item.overdue ? 'OVERDUE' : 'DUE_SOON',
        caseId: item.caseId,
        caseNumber: item.caseNumber,
        dueOn: item.dueOn,
        message: `${item.overdue ? 'Просрочено' : 'Срок подходит'} по делу ${item.caseNumber}: ${DUE_KIND_CAPTIONS[item.kind]}${item.rowNo ? ` (строка ${item.rowNo})` : ''}${item.agency !== principal.agency ? `, ведомство ${item.agency}` : ''}, срок ${item.dueOn}`,
      }));
    return [...overdueChecks, ...due].slice(0, limit);
  }

  @Query(() => SignalFate, {
    description: 'Судьба сигнала для сообщившей организации: номер в журнале, проверка, постановление, закрытие и причина. Только организации, подавшей сигнал (её сотрудникам и системам)',
  })
  async signalFate(@Arg('agency', () => Agency) agency: AgencyCode, @Arg('signalId', () => ID) signalId: string, @Ctx() ctx: BankContext): Promise<SignalFate> {
    const id = v.uuid('signalId', signalId);
    // The agency's own records (no territory: the answer holds nothing of the child), then only the reporting organisation's.
    requireAudited(ctx, 'records:read', { agency });
    const fate = ctx.principal.organisation ? await signalFate(ctx.dataSource, agency, id, ctx.principal.organisation.id) : null;
    // Another organisation's signal and an unknown one look the same: nothing is disclosed.
    if (!fate) throw notFound('Сигнал вашей организации', id);
    ctx.audit.subject('Child', fate.childId);
    return fate.view;
  }
}
