import { EntityManager } from 'typeorm';
import { Organisation } from '../../../../auth/organisations/organisation';

/**
 * The two ways a notification about a case is addressed: to organisations (their people and
 * systems, webhooks included) or to one person by username (the curator). Every case step writes
 * its notifications through here, in its own transaction.
 */
export async function notifyOrganisations(em: EntityManager, kase: { id: string; municipality: string }, recipients: Iterable<Organisation>, kind: string, message: string): Promise<void> {
  const seen = new Set<string>();
  for (const organisation of recipients) {
    if (seen.has(organisation.id)) continue;
    seen.add(organisation.id);
    await em.query(`INSERT INTO notification (recipient_agency, recipient_organisation, municipality, kind, case_id, message) VALUES ($1, $2, $3, $4, $5, $6)`, [
      organisation.type,
      organisation.id,
      kase.municipality,
      kind,
      kase.id,
      message,
    ]);
  }
}

/** Addressed to a person alone: no colleague, system or webhook of an organisation sees it. */
export async function notifyPerson(em: EntityManager, username: string, kase: { id: string; municipality: string; childId: string }, kind: string, message: string): Promise<void> {
  await em.query(`INSERT INTO notification (recipient_username, municipality, kind, case_id, child_id, message) VALUES ($1, $2, $3, $4, $5, $6)`, [
    username,
    kase.municipality,
    kind,
    kase.id,
    kase.childId,
    message,
  ]);
}
