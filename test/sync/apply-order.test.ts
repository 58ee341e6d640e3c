import { randomUUID } from 'node:crypto';
import { registerSyntheticChildren } from '../../scripts/synthetic-children';
import { HubEvent } from '../../subgraphs/common/events/hub-event';
import { startTestHub, TestHub } from '../support/test-hub';

/** A measure's three states as its agency's outbox would carry them, positions increasing. */
function measureHistory(source: string, start: number, childId: string): HubEvent[] {
  const id = randomUUID();
  const state = (status: string, doneDate: string | null) => ({
    id,
    agency: source,
    childId,
    familyId: null,
    title: 'Беседа',
    kind: 'PREVENTIVE_TALK',
    dueDate: '2026-12-01',
    doneDate,
    status,
    result: null,
    executor: { name: 'Петрова', organisation: 'Школа' },
    programmeRowId: null,
  });
  return [
    ['MeasureRecorded', state('PLANNED', null)],
    ['MeasureUpdated', state('DONE', '2026-11-10')],
    ['MeasureCancelled', state('CANCELLED', '2026-11-10')],
  ].map(([type, payload], i) => ({
    eventId: randomUUID(),
    source,
    position: String(start + i),
    aggregateType: 'Measure',
    aggregateId: id,
    childId,
    familyId: null,
    type: type as string,
    occurredAt: new Date().toISOString(),
    payload: payload as Record<string, unknown>,
  }));
}

describe('the bank applies events exactly once, whatever order and however often they arrive', () => {
  let t: TestHub;
  const bank = () => t.hub.subgraphs.bank.dataSource;
  const record = async (id: string) => (await bank().query(`SELECT state->>'status' AS status, position::int, apply_count FROM agency_record WHERE aggregate_id = $1`, [id]))[0];
  const outcomes = async (events: HubEvent[]) =>
    (await bank().query(`SELECT outcome FROM inbox WHERE event_id = ANY($1::uuid[]) ORDER BY position`, [events.map((e) => e.eventId)])).map((r: { outcome: string }) => r.outcome);

  // The bank parks events about children it does not know: these are about a registered one.
  let childId: string;

  beforeAll(async () => {
    t = await startTestHub();
    [childId] = await registerSyntheticChildren(bank(), 1);
  });
  afterAll(() => t.stop());

  it('when the newest state arrives first and the older ones after it, then the newest stands and the older are kept as superseded', async () => {
    const [recorded, updated, cancelled] = measureHistory('social', 1_000_000, childId);
    await t.hub.sync!.bank!.applier.apply([cancelled]);
    await t.hub.sync!.bank!.applier.apply([updated, recorded]);
    expect(await record(recorded.aggregateId)).toEqual({ status: 'CANCELLED', position: 1_000_002, apply_count: 1 });
    expect(await outcomes([recorded, updated, cancelled])).toEqual(['SUPERSEDED', 'SUPERSEDED', 'APPLIED']);
  });

  it('when the same events are delivered twice, in one batch and again later, then each counts once', async () => {
    const history = measureHistory('education', 2_000_000, childId);
    await t.hub.sync!.bank!.applier.apply([history[0], history[0], history[1]]);
    await t.hub.sync!.bank!.applier.apply(history);
    await t.hub.sync!.bank!.applier.apply(history);
    expect(await record(history[0].aggregateId)).toEqual({ status: 'CANCELLED', position: 2_000_002, apply_count: 3 });
    expect(await outcomes(history)).toEqual(['APPLIED', 'APPLIED', 'APPLIED']);
  });

  it('when one event of a batch cannot be applied, then the others are, and it is kept as REJECTED with its error instead of blocking the stream', async () => {
    const [good] = measureHistory('police', 3_000_000, childId);
    const bad: HubEvent = { ...measureHistory('police', 3_000_010, childId)[0], childId: 'not-a-uuid' };
    await t.hub.sync!.bank!.applier.apply([bad, good]);
    expect(await record(good.aggregateId)).toMatchObject({ status: 'PLANNED' });
    const [row] = await bank().query(`SELECT outcome, error FROM inbox WHERE event_id = $1`, [bad.eventId]);
    expect(row.outcome).toBe('REJECTED');
    expect(row.error).toMatch(/uuid/i);
  });

  it("when two agencies' signals about the same children are applied at the same moment, then each child's match is told once: to both agencies and the commission", async () => {
    const children = await registerSyntheticChildren(bank(), 40);
    const signal = (source: string, position: number, child: string): HubEvent => {
      const id = randomUUID();
      return {
        eventId: randomUUID(),
        source,
        position: String(position),
        aggregateType: 'Signal',
        aggregateId: id,
        childId: child,
        familyId: null,
        type: 'SignalReported',
        occurredAt: new Date().toISOString(),
        payload: { id, childId: child, status: 'NEW', observedAt: '2026-10-01T09:00:00Z', reporter: { name: 'Иванова Анна Сергеевна', organisation: source } },
      };
    };
    // One batch per agency, as the two sources' relays deliver them, each child in both.
    const school = children.map((child, i) => signal('education', 4_000_000 + i, child));
    const police = children.map((child, i) => signal('police', 5_000_000 + i, child));
    await Promise.all([t.hub.sync!.bank!.applier.apply(school), t.hub.sync!.bank!.applier.apply(police)]);

    const told: Array<{ child_id: string; n: string }> = await bank().query(
      `SELECT child_id, count(*) AS n FROM notification WHERE kind = 'SIGNAL_MATCH' AND child_id = ANY($1::uuid[]) GROUP BY child_id`,
      [children],
    );
    expect(told.filter((r) => Number(r.n) === 3)).toHaveLength(children.length);
    expect(await outcomes([...school, ...police])).toEqual(Array(children.length * 2).fill('APPLIED'));
  });
});
