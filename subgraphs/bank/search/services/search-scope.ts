import { decide, forbidden } from '../../../../auth/access/decide';
import { conditionsFor } from '../../../../auth/access/permission-table';
import { Principal } from '../../../../auth/principal';

/**
 * Where a search may look, from the permission table's conditions for `identity:read`: the
 * territories the caller's organisation serves (territory, data bank operator), and the children of
 * open cases the organisation takes part in (case). The SQL never reaches past this; each hit is
 * then decided again with decide() (a case opens identity only with consent or law).
 */
export interface SearchScope {
  territories: readonly string[];
  /** ОГРН of the caller's organisation when its open cases count, else null. */
  caseOrganisation: string | null;
}

export function searchScope(principal: Principal, purpose: string | null): SearchScope {
  // The purpose is checked before anything is looked up, as `children` does.
  const purposeCheck = decide(principal, 'identity:read', { purpose, subject: { municipality: principal.territories?.[0] ?? '', participants: [] } });
  if (!purposeCheck.allowed && purposeCheck.reason.startsWith('purpose')) throw forbidden(purposeCheck);
  const conditions = new Set(principal.roles.flatMap((role) => conditionsFor(role, 'identity:read')));
  const byTerritory = (conditions.has('territory') || conditions.has('data-bank-operator')) && principal.organisation !== null && principal.territories !== null;
  const byCase = conditions.has('participant') && principal.organisation !== null;
  if (!byTerritory && !byCase) throw forbidden({ allowed: false, operation: 'identity:read', reason: 'role' });
  return { territories: byTerritory ? principal.territories! : [], caseOrganisation: byCase ? principal.organisation!.id : null };
}
