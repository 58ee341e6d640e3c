import { requireAudited } from '../../../../auth/access/decide';
import { BankContext } from '../../bank.context';

/** Identity of a child or family is read only where the permission table allows (territory or case). */
export async function requireChildRead(ctx: BankContext, child: { id: string; municipality: string }): Promise<void> {
  requireAudited(ctx, 'identity:read', { subject: await ctx.services.cases.childSubject(ctx.loaders, child, ctx.principal) }, { kind: 'Child', id: child.id });
}

export async function requireFamilyRead(ctx: BankContext, family: { id: string; municipality: string }): Promise<void> {
  requireAudited(ctx, 'identity:read', { subject: await ctx.services.cases.familySubject(ctx.loaders, family, ctx.principal) }, { kind: 'Family', id: family.id });
}
