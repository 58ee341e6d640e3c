import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireAudited } from '../../../../auth/access/decide';
import { notFound } from '../../../common/errors';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { PersonEntity } from '../../identity/entities/person.entity';
import { loadChildViews } from '../../loaders/child-view.loader';
import { JournalMessageService, MAX_CHILDREN_PER_MESSAGE } from '../services/journal-message.service';
import { JournalMessage, RegisterMessageInput } from '../types/journal-message.types';

@Resolver()
export class JournalMessageResolver {
  @Mutation(() => JournalMessage, {
    description:
      'Зарегистрировать в журнале КДН сообщение о нарушении прав одного или нескольких детей (секретарь): по делу на каждого ребёнка; ничего не сохраняется, если хоть один ребёнок не прошёл проверку',
  })
  async registerMessageInJournal(@Arg('input', () => RegisterMessageInput) input: RegisterMessageInput, @Ctx() ctx: BankContext): Promise<JournalMessage> {
    // Same access as a single registration: the secretary may see each child named (territory), audited per child.
    const ids = input.children.slice(0, MAX_CHILDREN_PER_MESSAGE + 1).map((spec, i) => v.uuid(`input.children[${i}].childId`, spec.childId));
    // Each child and the facts its decision reads, all in one statement (not four per child).
    await loadChildViews(ctx.dataSource, ctx.loaders, ctx.principal.subject, ids);
    const children: PersonEntity[] = [];
    for (const id of ids) {
      const child = await ctx.loaders.personById.load(id);
      if (!child) throw notFound('Ребёнок', id);
      requireAudited(ctx, 'identity:read', { subject: await ctx.services.cases.childSubject(ctx.loaders, child, ctx.principal) }, { kind: 'Child', id: child.id });
      children.push(child);
    }
    return new JournalMessageService(ctx.dataSource, ctx.services.kdnCases).register(ctx.principal, children, input);
  }
}
