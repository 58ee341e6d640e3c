import { EntityManager } from 'typeorm';
import { loadOrganisationRegistry } from '../../../auth/organisations/organisation-registry';
import { HubEvent } from '../../common/events/hub-event';

const AGENCY_CAPTIONS: Record<string, string> = {
  education: 'образование',
  health: 'здравоохранение',
  police: 'ОВД (ПДН)',
  social: 'социальная защита',
  guardianship: 'опека и попечительство',
};

interface Reporter {
  name?: string;
  position?: string | null;
  organisation?: string;
}

function contact(agency: string, reporter: Reporter | null): string {
  const who = [reporter?.organisation, reporter?.name, reporter?.position].filter(Boolean).join(', ');
  return `${AGENCY_CAPTIONS[agency] ?? agency}${who ? ` — ${who}` : ''}`;
}

const isNewSignal = (event: HubEvent) => event.aggregateType === 'Signal' && event.type === 'SignalReported' && event.childId !== null;

/**
 * Two agencies' signals about one child applied at the same moment, each in its own transaction
 * (the sources' batches are applied side by side, and by every bank replica), would each miss the
 * other, and the match would never be told. The children and families of a batch's new signals
 * are locked until its commit, all in one order so that two batches never deadlock, before any is
 * matched; the second batch then reads the first one's signal.
 */
export async function lockMatchSubjects(em: EntityManager, events: HubEvent[]): Promise<void> {
  const keys = [...new Set(events.filter(isNewSignal).flatMap((e) => [`child:${e.childId}`, ...(e.familyId ? [`family:${e.familyId}`] : [])]))];
  if (keys.length === 0) return;
  await em.query(`SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(key, 4711) AS k FROM unnest($1::text[]) AS key ORDER BY 1) AS ordered`, [keys]);
}

/**
 * Cross-agency match, as the Dutch reference index (Verwijsindex) does it: when a second agency
 * reports a child (or the child's family) that another agency reported within 12 months, both
 * agencies and the KDN are told who to contact, once per pair of agencies and child. Nothing of
 * the other signal's content (indicators, description, dates) is passed on: only the agency and
 * its reporter as the contact.
 */
export async function notifyMatches(em: EntityManager, event: HubEvent): Promise<void> {
  const signal = event.payload as { observedAt?: string; status?: string; reporter?: Reporter; organisationId?: string | null };
  if (!event.childId || signal.status === 'CANCELLED' || !signal.observedAt) return;
  const others: Array<{ source: string; reporter: Reporter | null; organisationId: string | null }> = await em.query(
    `SELECT DISTINCT ON (source) source, state->'reporter' AS reporter, state->>'organisationId' AS "organisationId" FROM agency_record
     WHERE aggregate_type = 'Signal' AND source <> $1 AND state->>'status' <> 'CANCELLED'
       AND (child_id = $2 OR ($3::uuid IS NOT NULL AND family_id = $3))
       AND (state->>'observedAt')::timestamptz BETWEEN $4::timestamptz - interval '12 months' AND $4::timestamptz + interval '12 months'
     ORDER BY source, (state->>'observedAt')::timestamptz DESC`,
    [event.source, event.childId, event.familyId, signal.observedAt],
  );
  if (others.length === 0) return;
  const [person] = await em.query(`SELECT municipality FROM person WHERE id = $1`, [event.childId]);
  // A child the bank does not know yet has no territory: the region's commission sees it under 00000000.
  const municipality: string = person?.municipality ?? '00000000';
  for (const other of others) {
    const [first, second] = [other.source, event.source].sort();
    const fresh = await em.query(`INSERT INTO signal_match (subject_id, first_agency, second_agency) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`, [event.childId, first, second]);
    if (fresh.length === 0) continue;
    // Addressed to the reporting organisations; a signal from before organisations goes to its type in the child's territory.
    const note = (recipient: string, organisationId: string | null, message: string) =>
      em.query(`INSERT INTO notification (recipient_agency, recipient_organisation, municipality, kind, child_id, message) VALUES ($1, $2, $3, 'SIGNAL_MATCH', $4, $5)`, [
        recipient,
        organisationId,
        municipality,
        event.childId,
        message,
      ]);
    await note(
      event.source,
      signal.organisationId ?? null,
      `О ребёнке (ID ${event.childId}) за последние 12 месяцев сообщало и другое ведомство. Для координации: ${contact(other.source, other.reporter)}`,
    );
    await note(
      other.source,
      other.organisationId,
      `О ребёнке (ID ${event.childId}), о котором сообщало ваше ведомство, поступил сигнал другого ведомства. Для координации: ${contact(event.source, signal.reporter ?? null)}`,
    );
    await note(
      'kdn',
      loadOrganisationRegistry().defaultFor('kdn', municipality)?.id ?? null,
      `Совпадение сигналов: о ребёнке (ID ${event.childId}) сообщили ведомства «${AGENCY_CAPTIONS[other.source] ?? other.source}» и «${AGENCY_CAPTIONS[event.source] ?? event.source}»`,
    );
  }
}
