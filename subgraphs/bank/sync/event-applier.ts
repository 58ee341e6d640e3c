import { DataSource, EntityManager } from 'typeorm';
import { HubEvent } from '../../common/events/hub-event';
import { AccountCardService } from './account-card.service';
import { lockMatchSubjects, notifyMatches } from './signal-match';
import { tellCuratorsOfSignal } from '../notifications/services/notify';

const isId = (id: string | null): id is string => id !== null;

export type ApplyOutcome = 'APPLIED' | 'SUPERSEDED' | 'REJECTED' | 'DUPLICATE';

const UNKNOWN_CHILD = 'ребёнок с таким идентификатором не зарегистрирован в банке данных';

export interface ApplierHooks {
  /** Per event, after its transaction committed: lag (seconds from the source's commit) and outcome. */
  onApplied?: (event: HubEvent, outcome: ApplyOutcome, lagSeconds: number) => void;
  onRejected?: (event: HubEvent, error: unknown) => void;
}

/**
 * Applies agency events to the data bank exactly once: the event id goes into the inbox in the
 * same transaction as its effect, so a redelivered event finds its id there and changes nothing.
 * Order: per record the source position decides (an older state never overwrites a newer one), so
 * events may arrive out of order or twice, from either transport.
 *
 * A batch is one transaction (fast at steady load); if it fails, its events are applied one by one
 * and one that fails alone is kept in the inbox as REJECTED with the error (and counted), so one
 * bad event cannot stop the stream behind it.
 */
export class EventApplier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cards: AccountCardService,
    private readonly hooks: ApplierHooks = {},
  ) {}

  async apply(events: HubEvent[]): Promise<void> {
    if (events.length === 0) return;
    let outcomes: Map<string, ApplyOutcome>;
    try {
      outcomes = await this.dataSource.transaction((em) => this.applyAll(em, events));
    } catch {
      outcomes = new Map();
      for (const event of events) {
        try {
          const one = await this.dataSource.transaction((em) => this.applyAll(em, [event]));
          outcomes.set(event.eventId, one.get(event.eventId)!);
        } catch (error) {
          await this.reject(event, error);
          outcomes.set(event.eventId, 'REJECTED');
        }
      }
    }
    const now = Date.now();
    for (const event of events) this.hooks.onApplied?.(event, outcomes.get(event.eventId) ?? 'DUPLICATE', (now - Date.parse(event.occurredAt)) / 1000);
  }

  private async applyAll(em: EntityManager, events: HubEvent[]): Promise<Map<string, ApplyOutcome>> {
    const outcomes = new Map<string, ApplyOutcome>();
    const inserted: Array<{ event_id: string }> = await em.query(
      `INSERT INTO inbox (event_id, source, position, type, aggregate_id, occurred_at, outcome)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::uuid[], $6::timestamptz[], $7::text[])
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [
        events.map((e) => e.eventId),
        events.map((e) => e.source),
        events.map((e) => e.position),
        events.map((e) => e.type),
        events.map((e) => e.aggregateId),
        events.map((e) => e.occurredAt),
        events.map(() => 'APPLIED'),
      ],
    );
    const fresh = new Set(inserted.map((r) => r.event_id));
    const unknown = await this.unknownChildren(
      em,
      events.filter((e) => fresh.has(e.eventId)),
    );
    await lockMatchSubjects(
      em,
      events.filter((e) => fresh.has(e.eventId)),
    );
    const touched: HubEvent[] = [];
    for (const event of events) {
      // Twice in one batch, or applied before: the inbox already holds it.
      if (!fresh.delete(event.eventId)) {
        outcomes.set(event.eventId, 'DUPLICATE');
        continue;
      }
      if (event.childId !== null && unknown.has(event.childId.toLowerCase())) {
        outcomes.set(event.eventId, 'REJECTED');
        await em.query(`UPDATE inbox SET outcome = 'REJECTED', error = $2 WHERE event_id = $1`, [event.eventId, UNKNOWN_CHILD]);
        continue;
      }
      const applied = await this.project(em, event);
      outcomes.set(event.eventId, applied ? 'APPLIED' : 'SUPERSEDED');
      if (!applied) {
        await em.query(`UPDATE inbox SET outcome = 'SUPERSEDED' WHERE event_id = $1`, [event.eventId]);
        continue;
      }
      touched.push(event);
    }
    // The regional bank learns of each card that changed, once per batch, in the same transaction;
    // families are locked in one order so that two appliers never deadlock.
    const changed = await this.cards.familiesInRegister(em, touched.map((e) => e.childId).filter(isId), touched.map((e) => e.familyId).filter(isId));
    for (const familyId of changed) await this.cards.publishCard(em, familyId, 'AccountCardChanged');
    return outcomes;
  }

  /**
   * Children the bank does not know, among those the batch's events name: one statement. The
   * agencies refuse such writes (requireKnownSubjects), so one here came around that check; it is
   * kept in the inbox as REJECTED (a redelivery finds it there and changes nothing) and attaches
   * nothing to the register, the matches or the programmes.
   */
  private async unknownChildren(em: EntityManager, events: HubEvent[]): Promise<Set<string>> {
    const ids = [...new Set(events.map((e) => e.childId).filter(isId))];
    if (ids.length === 0) return new Set();
    const rows: Array<{ id: string }> = await em.query(`SELECT c.id FROM unnest($1::uuid[]) AS c(id) WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = c.id)`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  /** Upserts the record's latest state; false when a newer state is already here. */
  private async project(em: EntityManager, event: HubEvent): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO agency_record AS r (source, aggregate_type, aggregate_id, child_id, family_id, event_type, state, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (source, aggregate_id) DO UPDATE SET
         child_id = EXCLUDED.child_id, family_id = EXCLUDED.family_id, event_type = EXCLUDED.event_type, state = EXCLUDED.state,
         position = EXCLUDED.position, apply_count = r.apply_count + 1, updated_at = clock_timestamp()
       WHERE r.position < EXCLUDED.position
       RETURNING 1`,
      [event.source, event.aggregateType, event.aggregateId, event.childId, event.familyId, event.type, JSON.stringify(event.payload), event.position],
    );
    if (rows.length === 0) return false;
    if (event.aggregateType === 'Signal' && event.type === 'SignalReported') {
      await notifyMatches(em, event);
      await tellCuratorsOfSignal(em, event);
    }
    if (event.aggregateType === 'Measure' && typeof event.payload.programmeRowId === 'string') await this.fulfilProgrammeRow(em, event);
    return true;
  }

  /** An agency's measure carries out a programme row of that agency only, in a case about the same child. */
  private async fulfilProgrammeRow(em: EntityManager, event: HubEvent): Promise<void> {
    const p = event.payload as {
      programmeRowId: string;
      id: string;
      status: string;
      doneDate: string | null;
      result: string | null;
      executor?: { name?: string; organisation?: string };
      organisationId?: string | null;
    };
    const executor = [p.executor?.name, p.executor?.organisation].filter(Boolean).join(', ') || null;
    await em.query(
      `UPDATE programme_row SET measure_id = $2, measure_status = $3, done_on = $4, result = $5, executor = $6, measure_position = $7
       WHERE id = $1 AND lower(executor_agency) = lower($8) AND (measure_position IS NULL OR measure_position < $7)
         AND (executor_organisation IS NULL OR executor_organisation = $10)
         AND case_id IN (SELECT id FROM kdn_case WHERE child_id = $9)`,
      [p.programmeRowId, p.id, p.status, p.doneDate, p.result, executor, event.position, event.source, event.childId, p.organisationId ?? null],
    );
  }

  private async reject(event: HubEvent, error: unknown): Promise<void> {
    this.hooks.onRejected?.(event, error);
    await this.dataSource.query(
      `INSERT INTO inbox (event_id, source, position, type, aggregate_id, occurred_at, outcome, error) VALUES ($1, $2, $3, $4, $5, $6, 'REJECTED', $7)
       ON CONFLICT (event_id) DO NOTHING`,
      [event.eventId, event.source, event.position, event.type, event.aggregateId, event.occurredAt, error instanceof Error ? error.message : String(error)],
    );
  }
}
