import { requireAccess } from '../../../auth/access/decide';
import { BankContext } from '../bank.context';

/** Identity of a child or family is read only where the permission table allows (territory or case). */
export async function requireChildRead(ctx: BankContext, child: { id: string; municipality: string }): Promise<void> {
  requireAccess(ctx.principal, 'identity:read', { subject: await ctx.services.cases.childSubject(ctx.loaders, child) });
}

export async function requireFamilyRead(ctx: BankContext, family: { id: string; municipality: string }): Promise<void> {
  requireAccess(ctx.principal, 'identity:read', { subject: await ctx.services.cases.familySubject(ctx.loaders, family) });
}
