import { AgencyCode } from '../../../auth/principal';
import { NewEvent } from '../events/hub-event';
import { agencyEvent, AgencyState } from './agency-event';
import { SignalEntity } from './signal.entity';

/**
 * A signal as the data bank learns of it: who reported what kind of risk (indicator codes), how
 * urgent, and where it stands. The description is left out on purpose: it is the reporter's
 * narrative about a family, and the bank keeps the account card, not the agency's file; whoever
 * needs the text reads it from the agency through the gateway, with the access check and audit
 * that go with it. The cancellation reason is narrative too.
 */
export interface SignalState extends AgencyState {
  /** A moment, ISO-8601. */
  observedAt: string;
  sourceKind: string;
  urgency: string;
  status: string;
  indicatorCodes: string[];
  reporter: { name: string; position: string | null; organisation: string };
  /** ОГРН of the reporting organisation (the detecting body); null for signals of before organisations. */
  organisationId: string | null;
}

export function signalState(agency: AgencyCode, signal: SignalEntity): SignalState {
  return {
    id: signal.id,
    agency,
    childId: signal.childId,
    familyId: signal.familyId,
    observedAt: new Date(signal.observedAt).toISOString(),
    sourceKind: signal.sourceKind,
    urgency: signal.urgency,
    status: signal.status,
    indicatorCodes: [...signal.indicatorCodes],
    reporter: { name: signal.reporterName, position: signal.reporterPosition, organisation: signal.reporterOrganisation },
    organisationId: signal.organisationId ?? null,
  };
}

export type SignalEventType = 'SignalReported' | 'SignalUpdated' | 'SignalCancelled';

export function signalEvent(type: SignalEventType, agency: AgencyCode, signal: SignalEntity): NewEvent {
  return agencyEvent(type, signalState(agency, signal));
}
