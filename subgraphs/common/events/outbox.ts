import { EntityManager } from 'typeorm';
import { HubEvent, NewEvent } from './hub-event';

/**
 * Writes an event in the caller's transaction: call it with the EntityManager of the transaction
 * that makes the change, never with the DataSource, or a crash between the two loses the event.
 */
export async function appendEvent(em: EntityManager, event: NewEvent): Promise<void> {
  if (!em.queryRunner?.isTransactionActive) throw new Error(`appendEvent(${event.type}) outside a transaction`);
  await em.query(`INSERT INTO outbox (aggregate_type, aggregate_id, child_id, family_id, type, payload) VALUES ($1, $2, $3, $4, $5, $6)`, [
    event.aggregateType,
    event.aggregateId,
    event.childId,
    event.familyId ?? null,
    event.type,
    JSON.stringify(event.payload),
  ]);
}

export interface OutboxRow {
  position: string;
  event_id: string;
  aggregate_type: string;
  aggregate_id: string;
  child_id: string | null;
  family_id: string | null;
  type: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

export const OUTBOX_COLUMNS = 'position, event_id, aggregate_type, aggregate_id, child_id, family_id, type, payload, occurred_at';

export function toHubEvent(source: string, row: OutboxRow): HubEvent {
  return {
    eventId: row.event_id,
    source,
    position: String(row.position),
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    childId: row.child_id,
    familyId: row.family_id,
    type: row.type,
    occurredAt: new Date(row.occurred_at).toISOString(),
    payload: row.payload,
  };
}
