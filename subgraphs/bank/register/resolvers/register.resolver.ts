import { JSONObjectResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { requireAudited } from '../../../../auth/access/decide';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { BankChangesPage, BankSnapshotPage } from '../types/register.types';

/** The regional bank's view of the data bank: a first full copy, then changes from a cursor. */
@Resolver()
export class RegisterResolver {
  @Query(() => BankChangesPage, { description: 'Изменения банка данных СОП после курсора (для регионального банка)' })
  async bankChanges(
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('first', () => Int, { defaultValue: 200 }) first: number,
    @Ctx() ctx: BankContext,
  ): Promise<BankChangesPage> {
    requireAudited(ctx, 'register:sync', {});
    const page = await ctx.services.feed.changes(after, v.integerRange('first', first, 1, 1000));
    for (const change of page.changes) ctx.audit.subject('Family', change.familyId);
    return { ...page, changes: page.changes.map((c) => ({ ...c, occurredAt: new Date(c.occurredAt), card: c.card as unknown as Record<string, unknown> })) };
  }

  @Query(() => [JSONObjectResolver], {
    description: 'Банк данных СОП для оператора: учётные карточки семей территории (сейчас на учёте или все, когда-либо поставленные), по страницам',
  })
  async dataBankRegister(
    @Arg('municipality') municipality: string,
    @Arg('currentOnly', { defaultValue: true }) currentOnly: boolean,
    @Arg('afterFamily', () => ID, { nullable: true }) afterFamily: string | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() ctx: BankContext,
  ): Promise<Record<string, unknown>[]> {
    requireAudited(ctx, 'register:read', { subject: { municipality: v.oktmo('municipality', municipality), participants: [] } });
    const cards = await ctx.services.cards.registerPage(
      ctx.dataSource.manager,
      municipality,
      currentOnly,
      afterFamily ? v.uuid('afterFamily', afterFamily) : null,
      v.integerRange('first', first, 1, 500),
    );
    for (const card of cards) ctx.audit.subject('Family', card.familyId);
    return cards as unknown as Record<string, unknown>[];
  }

  @Query(() => BankSnapshotPage, { description: 'Полная копия банка данных по страницам, с курсором для ленты изменений' })
  async bankSnapshot(
    @Arg('afterFamily', () => ID, { nullable: true }) afterFamily: string | null,
    @Arg('first', () => Int, { defaultValue: 200 }) first: number,
    @Ctx() ctx: BankContext,
  ): Promise<BankSnapshotPage> {
    requireAudited(ctx, 'register:sync', {});
    const page = await ctx.services.feed.snapshot(afterFamily ? v.uuid('afterFamily', afterFamily) : null, v.integerRange('first', first, 1, 1000));
    for (const card of page.cards) ctx.audit.subject('Family', card.familyId);
    return { ...page, cards: page.cards as unknown as Record<string, unknown>[] };
  }
}
