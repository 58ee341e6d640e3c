import { Client } from 'pg';
import { agencySystemPrincipal } from '../../scripts/agency-system-principal';
import { registerSyntheticChildren } from '../../scripts/synthetic-children';
import { loadIndicatorCatalogue } from '../../schema/catalogue/indicator.catalogue';
import { MeasureService } from '../../subgraphs/common/agency/measure.service';
import { SignalService } from '../../subgraphs/common/agency/signal.service';
import { measureInput, signalInput } from './factories';
import { TestHub } from './test-hub';

export const BURST_AGENCIES = ['education', 'health', 'police', 'social', 'guardianship'] as const;
type BurstAgency = (typeof BURST_AGENCIES)[number];

/**
 * A burst of agency writes through the agencies' own services (row + event in one transaction,
 * as the resolvers do): `signals` signals and `measures` measures each recorded and then reported
 * done, `width` at a time, spread over five agencies and 400 children. Events: signals + 2 x measures.
 */
export function eventBurst(t: TestHub, signals: number, measures: number, width = 12): { total: number; done: Promise<void>; failed(): unknown } {
  const catalogue = loadIndicatorCatalogue();
  // Registered in the bank first (agencies refuse records about unknown children); the tasks read them when they run.
  const children: string[] = [];
  const tasks: Array<() => Promise<unknown>> = [];
  const services = (agency: BurstAgency) => ({
    signals: new SignalService(t.hub.subgraphs[agency].dataSource, agency, catalogue),
    measures: new MeasureService(t.hub.subgraphs[agency].dataSource, agency),
    principal: agencySystemPrincipal(agency),
  });
  const byAgency = Object.fromEntries(BURST_AGENCIES.map((a) => [a, services(a)])) as Record<BurstAgency, ReturnType<typeof services>>;
  for (let i = 0; i < signals; i++) {
    const s = byAgency[BURST_AGENCIES[i % BURST_AGENCIES.length]];
    tasks.push(() => s.signals.report(s.principal, signalInput(children[i % children.length], { observedAt: new Date('2026-10-01T10:00:00Z') }) as never));
  }
  for (let i = 0; i < measures; i++) {
    const s = byAgency[BURST_AGENCIES[i % BURST_AGENCIES.length]];
    tasks.push(async () => {
      const measure = await s.measures.record(s.principal, measureInput(children[i % children.length]) as never);
      await s.measures.update({ id: measure.id, doneDate: '2026-11-01', result: 'проведена' } as never);
    });
  }
  let next = 0;
  let error: unknown = null;
  const done = registerSyntheticChildren(t.hub.subgraphs.bank.dataSource, 400)
    .then((ids) => {
      children.push(...ids);
      return Promise.all(
        Array.from({ length: width }, async () => {
          while (next < tasks.length) await tasks[next++]();
        }),
      );
    })
    .then(
      () => undefined,
      (e) => {
        error = e;
        throw e;
      },
    );
  done.catch(() => undefined);
  return { total: signals + measures * 2, done, failed: () => error };
}

export async function count(admin: Client, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await admin.query(sql, params)).rows[0].n);
}

export async function unpublished(admin: Client): Promise<number> {
  let n = 0;
  for (const a of BURST_AGENCIES) n += await count(admin, `SELECT count(*) AS n FROM ${a}.outbox WHERE published_at IS NULL`);
  return n;
}

/**
 * The bank against the source of truth: every event of every source in the inbox once and none
 * refused; each record's effect counter equal to the events that changed it (nothing applied
 * twice); each record's state equal to the source row and to its newest event.
 */
export async function expectBankEqualsSources(admin: Client, total: number): Promise<void> {
  let written = 0;
  for (const a of BURST_AGENCIES) written += await count(admin, `SELECT count(*) AS n FROM ${a}.outbox`);
  expect(written).toBe(total);
  const outcomes: Array<{ outcome: string; n: number }> = (await admin.query(`SELECT outcome, count(*)::int AS n FROM bank.inbox GROUP BY 1 ORDER BY 1`)).rows;
  expect(outcomes.reduce((s, r) => s + r.n, 0)).toBe(total);
  expect(outcomes.find((r) => r.outcome === 'REJECTED')).toBeUndefined();
  const appliedOnce = await count(admin, `SELECT count(*) AS n FROM bank.inbox WHERE outcome = 'APPLIED'`);
  expect(await count(admin, `SELECT coalesce(sum(apply_count), 0) AS n FROM bank.agency_record`)).toBe(appliedOnce);
  for (const a of BURST_AGENCIES) {
    const truth = (await admin.query(`SELECT id::text, status, NULL AS done FROM ${a}.signal UNION ALL SELECT id::text, status, to_char(done_date, 'YYYY-MM-DD') FROM ${a}.measure ORDER BY 1`)).rows;
    const bank = (
      await admin.query(
        `SELECT aggregate_id::text AS id, state->>'status' AS status, state->>'doneDate' AS done FROM bank.agency_record WHERE source = $1 AND aggregate_type IN ('Signal', 'Measure') ORDER BY 1`,
        [a],
      )
    ).rows;
    expect(bank).toEqual(truth);
    const stale = await admin.query(
      `SELECT r.aggregate_id FROM bank.agency_record r WHERE r.source = $1 AND r.position <> (SELECT max(position) FROM ${a}.outbox o WHERE o.aggregate_id = r.aggregate_id)`,
      [a],
    );
    expect(stale.rows).toEqual([]);
  }
}
