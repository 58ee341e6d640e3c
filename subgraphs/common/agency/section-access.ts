import { requireAudited } from '../../../auth/access/decide';
import { sectionOperation } from '../../../auth/access/permission-table';
import { AgencyCode } from '../../../auth/principal';
import { AgencyContext } from './agency.context';

/** What the router hands an agency subgraph about a child or family: the key and the bank's grant. */
export interface SubjectReference {
  id: string;
  accessGrant?: string | null;
}

/**
 * May the caller read this agency's section about this child or family? The facts (territory,
 * relationship to the case) come from the bank's signed grant; a missing, forged, stale or
 * borrowed grant is refused before anything is read.
 */
export function authorizeSection(ctx: AgencyContext, kind: 'Child' | 'Family', ref: SubjectReference, agency: AgencyCode): void {
  ctx.audit.subject(kind, ref.id);
  let subject;
  try {
    subject = ctx.grants(ref.accessGrant, ctx.principal, kind, ref.id);
  } catch (error) {
    ctx.audit.denied('access-grant');
    throw error;
  }
  requireAudited(ctx, sectionOperation(agency), { agency, subject });
}

/** Every agency's reference resolver: keep the id and the grant the router brought along. */
export const subjectReference = (reference: SubjectReference): SubjectReference => ({ id: reference.id, accessGrant: reference.accessGrant ?? null });
