import { GraphQLError } from 'graphql';
import { VerifiedGrant } from '../../../auth/access/access-grant';
import { Decision, requireAudited } from '../../../auth/access/decide';
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
 *
 * A grant lives a minute, but a consent can be withdrawn and a participation closed within it.
 * Where the decision rests on such a fact (a case participation, a consent, an emergency access),
 * the bank's `access_changed_at` is re-checked at use, so a grant fetched before the change and
 * replayed straight at this subgraph is refused (`grant_stale`); the next request through the
 * gateway gets a fresh grant and the decision on the current facts. Territory and own records
 * are not withdrawn by the parent or the case: they cost no statement.
 */
export async function authorizeSection(ctx: AgencyContext, kind: 'Child' | 'Family', ref: SubjectReference, agency: AgencyCode): Promise<void> {
  ctx.audit.subject(kind, ref.id);
  let grant: VerifiedGrant;
  try {
    grant = ctx.grants(ref.accessGrant, ctx.principal, kind, ref.id);
  } catch (error) {
    ctx.audit.denied('access-grant');
    throw error;
  }
  const decision = requireAudited(ctx, sectionOperation(agency), { agency, subject: grant });
  if (!withdrawable(decision)) return;
  const state = await ctx.subjects.load(ref.id);
  if (!state || (state.accessChangedAt !== null && state.accessChangedAt.getTime() > grant.issuedAt)) {
    ctx.audit.denied('access-grant:grant_stale');
    throw staleGrant();
  }
}

/** Allowed on a fact that can be taken back (a consent withdrawn, a participation closed): needs the re-check. */
function withdrawable(decision: Decision & { allowed: true }): boolean {
  return decision.condition === 'participant' || decision.condition === 'emergency' || decision.basis.startsWith('consent:');
}

function staleGrant(): GraphQLError {
  return new GraphQLError('Недостаточно прав: согласие, участие в случае или экстренный доступ изменились после выдачи подтверждения доступа; повторите запрос', {
    extensions: { code: 'FORBIDDEN', permission: 'access-grant', reason: 'grant_stale' },
  });
}

/** Every agency's reference resolver: keep the id and the grant the router brought along. */
export const subjectReference = (reference: SubjectReference): SubjectReference => ({ id: reference.id, accessGrant: reference.accessGrant ?? null });
