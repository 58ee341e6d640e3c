import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { requireAudited } from '../../../../auth/access/decide';
import { notFound } from '../../../common/errors';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { Child } from '../../child.reference';
import { ConsentEntity } from '../entities/consent.entity';
import { consentStatus, granteesView } from '../services/consent.service';
import { Consent, EmergencyAccess, OpenEmergencyAccessInput, RecordConsentInput } from '../types/consent.types';

function toConsent(row: ConsentEntity): Consent {
  return { ...row, ...granteesView(row.grantees), provision: row.provision.toUpperCase(), status: consentStatus(row) } as Consent;
}

async function childOrFail(ctx: BankContext, id: string) {
  const child = await ctx.loaders.personById.load(v.uuid('input.childId', id));
  if (!child) throw notFound('Ребёнок', id);
  return child;
}

@Resolver(() => Child)
export class ConsentResolver {
  @Mutation(() => Consent, { description: 'Записать согласие или запрет законного представителя' })
  async recordConsent(@Arg('input', () => RecordConsentInput) input: RecordConsentInput, @Ctx() ctx: BankContext): Promise<Consent> {
    const child = await childOrFail(ctx, input.childId);
    requireAudited(ctx, 'consent:write', { subject: await ctx.services.cases.childSubject(ctx.loaders, child, ctx.principal) }, { kind: 'Child', id: child.id });
    return toConsent(await ctx.services.consents.record(ctx.principal, input, child));
  }

  @Mutation(() => Consent, { description: 'Отметить отзыв согласия (действует со следующего запроса)' })
  async withdrawConsent(@Arg('id', () => ID) id: string, @Ctx() ctx: BankContext): Promise<Consent> {
    const consent = await ctx.dataSource.getRepository(ConsentEntity).findOneBy({ id: v.uuid('id', id) });
    if (!consent) throw notFound('Согласие', id);
    const child = await childOrFail(ctx, consent.childId);
    requireAudited(ctx, 'consent:write', { subject: await ctx.services.cases.childSubject(ctx.loaders, child, ctx.principal) }, { kind: 'Child', id: child.id });
    return toConsent(await ctx.services.consents.withdraw(id));
  }

  @Mutation(() => EmergencyAccess, { description: 'Экстренный доступ к карточке ребёнка при угрозе жизни: с обоснованием, на ограниченное время, виден аудиторам' })
  async openEmergencyAccess(@Arg('input', () => OpenEmergencyAccessInput) input: OpenEmergencyAccessInput, @Ctx() ctx: BankContext): Promise<EmergencyAccess> {
    const child = await childOrFail(ctx, input.childId);
    requireAudited(ctx, 'emergency:open', {}, { kind: 'Child', id: child.id });
    if (ctx.meta.purpose !== 'EMERGENCY') {
      throw new GraphQLError('Экстренный доступ открывается только с целью EMERGENCY (заголовок X-Hub-Purpose)', { extensions: { code: 'FORBIDDEN', reason: 'purpose_not_allowed' } });
    }
    const access = await ctx.services.consents.openEmergency(ctx.principal, child.id, input.justification);
    ctx.audit.emergency();
    ctx.audit.basis(`emergency:${access.id}`);
    ctx.loaders.emergencyByChildAndCaller.clear(`${child.id}|${ctx.principal.subject}`);
    return access as EmergencyAccess;
  }

  @FieldResolver(() => [Consent], { description: 'Согласия и запреты законных представителей' })
  async consents(@Root() child: Child, @Ctx() ctx: BankContext): Promise<Consent[]> {
    return (await ctx.loaders.consentsByChild.load(child.id)).map(toConsent);
  }
}
