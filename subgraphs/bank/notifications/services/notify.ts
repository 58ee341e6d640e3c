import { EntityManager } from 'typeorm';
import { notifyOrganisations, notifyPerson } from './notification.writer';
import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { CLOSURE_REASON_CAPTIONS } from '../../register/services/quarterly-list.service';

/** The resolution kinds as the reporter reads them. */
const RESOLUTION_CAPTIONS: Record<string, string> = {
  NO_INTERAGENCY_WORK: 'межведомственная работа не требуется',
  INDIVIDUAL_WORK: 'организована индивидуальная профилактическая работа',
  SOP: 'семья признана находящейся в социально опасном положении',
};

/** A case as the hooks need it: what the kdn-case service already holds after each step. */
export interface CaseFacts {
  id: string;
  number: string;
  childId: string;
  municipality: string;
  receivedOn: string;
  state: string;
  checkDue: string | null;
  resolution: Record<string, unknown> | null;
  closureReason: string | null;
  closedOn: string | null;
}

export type SourceStep = 'register' | 'assignCheck' | 'recordResolution' | 'closeCase';

/** Feedback to the source: the notification kind of each step the reporting organisation is told of. */
export const SOURCE_KINDS: Record<SourceStep, string> = {
  register: 'SIGNAL_REGISTERED',
  assignCheck: 'SIGNAL_CHECK_ASSIGNED',
  recordResolution: 'SIGNAL_RESOLVED',
  closeCase: 'SIGNAL_CASE_CLOSED',
};

/** Why a case was closed, in the words of the register's list. */
export function closureCaption(reason: string | null): string | null {
  return reason ? (CLOSURE_REASON_CAPTIONS[reason] ?? reason) : null;
}

export function resolutionCaption(kind: string | null | undefined): string | null {
  return kind ? (RESOLUTION_CAPTIONS[kind] ?? kind) : null;
}

function sourceMessage(step: SourceStep, kase: CaseFacts, signalId: string): string {
  const signal = `Ваш сигнал ${signalId}`;
  const r = kase.resolution as { number?: string; date?: string; kind?: string } | null;
  switch (step) {
    case 'register':
      return `${signal} зарегистрирован в журнале КДН под номером ${kase.number} (поступил ${kase.receivedOn})`;
    case 'assignCheck':
      return `${signal} (дело ${kase.number}): назначена проверка, срок ${kase.checkDue}`;
    case 'recordResolution':
      return kase.state === 'CLOSED'
        ? `${signal} (дело ${kase.number}): постановлением КДН № ${r?.number} от ${r?.date} случай закрыт: ${resolutionCaption(r?.kind)}`
        : `${signal} (дело ${kase.number}): постановление КДН № ${r?.number} от ${r?.date}: ${resolutionCaption(r?.kind)}`;
    case 'closeCase':
      return `${signal} (дело ${kase.number}): случай закрыт ${kase.closedOn}, причина: ${closureCaption(kase.closureReason)}`;
  }
}

/**
 * Feedback to the source (issue 12, item 6): every organisation whose signal the case was
 * registered from is told what became of it (registered under a number, check assigned, resolved,
 * closed and why), by its own signal's id and the case number, in the step's own transaction.
 * Nothing of the check, the conclusion or the family: the reporter learns the fate, not the file.
 * A resolution that closes the case at once (no interagency work) is told as a closure.
 */
export async function tellSignalSources(em: EntityManager, kase: CaseFacts, step: SourceStep): Promise<void> {
  const sources: Array<{ signal_id: string; organisation: string | null }> = await em.query(
    `SELECT s.signal_id, r.state->>'organisationId' AS organisation FROM case_signal s
     JOIN agency_record r ON r.source = s.source AND r.aggregate_id = s.signal_id AND r.aggregate_type = 'Signal'
     WHERE s.case_id = $1 ORDER BY s.signal_id`,
    [kase.id],
  );
  const registry = loadOrganisationRegistry();
  const kind = step === 'recordResolution' && kase.state === 'CLOSED' ? SOURCE_KINDS.closeCase : SOURCE_KINDS[step];
  for (const source of sources) {
    // A signal of before organisations names none: there is no one in particular to tell.
    const organisation = source.organisation ? registry.get(source.organisation) : null;
    if (!organisation) continue;
    await notifyOrganisations(em, kase, [organisation], kind, sourceMessage(step, kase, source.signal_id));
  }
}

/**
 * After England's Child Protection Information Sharing (CP-IS): the curator of every open case
 * about the child is told who (which organisation) did what and when, never what: not the
 * signal's content, not the justification of an emergency access. The curator is addressed by
 * username, as the resolution names him or her. The bank does not know the curator's
 * organisation, so every organisation's act is told; only the curator's own is not.
 */
export async function tellCurators(
  em: EntityManager,
  childId: string,
  kind: 'CASE_SIGNAL_REPORTED' | 'CASE_EMERGENCY_ACCESS',
  what: (caseNumber: string) => string,
  actor: string | null = null,
): Promise<number> {
  // The curator's own act is no news to the curator.
  const cases: Array<{ id: string; number: string; municipality: string; curator: string }> = await em.query(
    `SELECT id, number, municipality, resolution->>'curator' AS curator FROM kdn_case
     WHERE child_id = $1 AND state <> 'CLOSED' AND coalesce(resolution->>'curator', '') <> '' AND resolution->>'curator' IS DISTINCT FROM $2 ORDER BY number`,
    [childId, actor],
  );
  for (const kase of cases) {
    await notifyPerson(em, kase.curator, { ...kase, childId }, kind, what(kase.number));
  }
  return cases.length;
}

/** Who, as the curator reads it: the organisation's name (ОГРН), or the agency when none is named. */
export function organisationCaption(organisationId: string | null | undefined, agency: string | null): string {
  const organisation = organisationId ? loadOrganisationRegistry().get(organisationId) : null;
  return organisation ? `${organisation.name} (ОГРН ${organisation.id})` : `ведомство ${agency ?? 'не указано'}`;
}

/** A moment as the curator reads it: UTC to the minute (the regions' offsets differ; the notification's createdAt is exact). */
export function momentCaption(at: string | Date): string {
  return new Date(at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/** A signal reported about a child with an open case: its curator learns which organisation reported it and when. */
export async function tellCuratorsOfSignal(em: EntityManager, event: { source: string; childId: string | null; payload: Record<string, unknown> }): Promise<void> {
  const signal = event.payload as { observedAt?: string; status?: string; organisationId?: string | null };
  if (!event.childId || signal.status === 'CANCELLED') return;
  const who = organisationCaption(signal.organisationId, event.source);
  const when = signal.observedAt ? momentCaption(signal.observedAt) : 'дата не указана';
  await tellCurators(em, event.childId, 'CASE_SIGNAL_REPORTED', (number) => `По ребёнку (дело ${number}) поступил сигнал: ${who}, ${when}`);
}
