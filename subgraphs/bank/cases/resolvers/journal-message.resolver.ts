import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireAudited } from '../../../../auth/access/decide';
import { notFound } from '../../../common/errors';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { PersonEntity } from '../../identity/entities/person.entity';
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
    const children: PersonEntity[] = [];
    for (const [i, spec] of input.children.slice(0, MAX_CHILDREN_PER_MESSAGE + 1).entries()) {
      const child = await ctx.loaders.personById.load(v.uuid(`input.children[${i}].childId`, spec.childId));
      if (!child) throw notFound('Ребёнок', spec.childId);
      requireAudited(ctx, 'identity:read', { subject: await ctx.services.cases.childSubject(ctx.loaders, child, ctx.principal) }, { kind: 'Child', id: child.id });
      children.push(child);
    }
    return new JournalMessageService(ctx.dataSource, ctx.services.kdnCases).register(ctx.principal, children, input);
  }
}
