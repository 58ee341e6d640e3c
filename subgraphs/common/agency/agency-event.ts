import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AgencyCode } from '../../../auth/principal';
import { NewEvent } from '../events/hub-event';
import { appendEvent } from '../events/outbox';
import { AggregateType, aggregateTypeOf, AttachmentKind, EventType, RegistrationKind } from '../events/event-types';

/** What every agency event's payload starts with: the record, whose it is, and whom it is about. */
export interface AgencyState {
  id: string;
  agency: AgencyCode;
  childId: string;
  familyId: string | null;
}

/**
 * An event of an agency's record. The aggregate type comes from EVENT_TYPES, the child and family
 * from the state itself, so the envelope can never disagree with the payload. The aggregate id is
 * the record's id, unless the record is a second aggregate of a row (see secondaryAggregateId).
 */
export function agencyEvent(type: EventType, state: AgencyState, aggregateId: string = state.id): NewEvent {
  return {
    aggregateType: aggregateTypeOf(type),
    aggregateId,
    childId: state.childId,
    familyId: state.familyId,
    type,
    payload: { ...state },
  };
}

/** Appends one event or several, in order, in the caller's transaction (see appendEvent). */
export async function appendEvents(em: EntityManager, events: NewEvent | readonly NewEvent[]): Promise<void> {
  for (const event of Array.isArray(events) ? events : [events as NewEvent]) await appendEvent(em, event);
}

/**
 * A calendar date as YYYY-MM-DD. TypeORM hands `date` columns over as such strings already; a
 * Date (a raw pg value, say) is cut to its UTC day, which is how pg's parser made it.
 */
export function localDate(value: string | Date): string;
export function localDate(value: string | Date | null): string | null;
export function localDate(value: string | Date | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** A departmental registration on the family account card (КДН, ПДН, школа, соцзащита, опека). */
export interface RegistrationState extends AgencyState {
  kind: RegistrationKind;
  registeredOn: string;
  /** Number of the decision or protocol that registered the child, where the agency keeps one. */
  protocol: string | null;
  reason: string | null;
  removedOn: string | null;
  removalReason: string | null;
}

/** An attachment on the account card: school and class, clinic and district, ПДН unit, patronage institution. */
export interface AttachmentState extends AgencyState {
  kind: AttachmentKind;
  organisation: string;
  /** Class, district or kind of patronage: what narrows the organisation down. */
  detail: string | null;
  since: string | null;
  until: string | null;
  /** The period the agency reports the attachment for, where it reports by periods (school: the academic year). */
  period: string | null;
}

export const registrationEvent = (type: 'RegistrationOpened' | 'RegistrationUpdated' | 'RegistrationClosed', state: RegistrationState, aggregateId?: string): NewEvent =>
  agencyEvent(type, state, aggregateId);

export const attachmentChanged = (state: AttachmentState, aggregateId?: string): NewEvent => agencyEvent('AttachmentChanged', state, aggregateId);

/** Namespace of the name-based ids below (a fixed random UUID: changing it would orphan the bank's records). */
const SECONDARY_NAMESPACE = Buffer.from('5f0c3d8e4b7a4e1f9a2d6c1b8e7f0a93', 'hex');

/**
 * The aggregate id of a second aggregate told from one row: a juvenile registration is also the
 * child's attachment to the unit, a school status also the internal school register. An aggregate
 * id must be unique within its source (the bank keeps the latest state per source and aggregate id,
 * and orders by position per aggregate id), so the second one gets a name-based UUID (RFC 9562
 * version 5) of the row id and the aggregate type: stable across events, the same in every
 * process, and never another row's id. The payload's `id` stays the row's id.
 */
export function secondaryAggregateId(rowId: string, aggregateType: AggregateType): string {
  const hash = createHash('sha1').update(SECONDARY_NAMESPACE).update(`${rowId.toLowerCase()}/${aggregateType}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Today as YYYY-MM-DD (UTC, as the validation's date checks): for a removal whose source keeps no date. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
