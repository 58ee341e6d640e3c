import { EntityManager } from 'typeorm';
import { Principal } from '../../../../auth/principal';

/**
 * One row of a case's history (`case_event`): who, for which organisation, which step, the
 * states before and after, and what the step recorded. Every writer of the history goes
 * through here, so no step can forget a column.
 */
export async function recordCaseEvent(em: EntityManager, caseId: string, action: string, from: string | null, to: string, principal: Principal, payload: object): Promise<void> {
  await em.query(`INSERT INTO case_event (case_id, action, from_state, to_state, actor_sub, actor_username, actor_agency, payload, actor_organisation) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
    caseId,
    action,
    from,
    to,
    principal.subject,
    principal.username,
    principal.agency,
    JSON.stringify(payload),
    principal.organisation?.id ?? null,
  ]);
}
