/**
 * One change that another party (the data bank, the regional bank) must learn of. Events carry
 * the aggregate's whole state after the change, so that applying one is idempotent and an older
 * event arriving after a newer one can be recognised (by `position`) and skipped.
 *
 * Wire format (JSON, the same on every transport and in the README):
 *   eventId        uuid, unique across the hub: the de-duplication key (inbox, Nats-Msg-Id)
 *   source         subgraph that wrote it: bank | education | health | police | social | guardianship
 *   position       the source's outbox position (decimal string): increases per source in the order
 *                  the changes of one aggregate were made
 *   aggregateType  Signal | Measure | Registration | Attachment | RegisterEntry | ...
 *   aggregateId    uuid of the changed record
 *   childId        uuid or null; familyId uuid or null: what the event is about, the partition key
 *   type           SignalReported, MeasureUpdated, RegistrationOpened, ...
 *   occurredAt     ISO-8601 time of the source transaction
 *   payload        the aggregate's state after the change
 */
export interface HubEvent {
  eventId: string;
  source: string;
  position: string;
  aggregateType: string;
  aggregateId: string;
  childId: string | null;
  familyId: string | null;
  type: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** What a service hands to the outbox; the rest is filled by the database in the same transaction. */
export interface NewEvent {
  aggregateType: string;
  aggregateId: string;
  childId: string | null;
  familyId?: string | null;
  type: string;
  payload: Record<string, unknown>;
}

/** Where events go: the in-process bank, or NATS JetStream. Resolves once the events are safe there. */
export interface EventTransport {
  readonly name: string;
  publish(events: HubEvent[]): Promise<void>;
  close(): Promise<void>;
}

/** The channel every outbox notifies on; the payload is the source schema's name. */
export const OUTBOX_CHANNEL = 'hub_outbox';
