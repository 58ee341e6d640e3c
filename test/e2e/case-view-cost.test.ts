import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, OperationDefinitionNode, parse, print } from 'graphql';
import request from 'supertest';
import { OPERATIONS_DIR } from '../../gateway/safelist/safelist';
import { loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';
import { AgencySubgraphName, SUBGRAPH_NAMES, SubgraphName } from '../../subgraphs/common/config';
import { factsMutation, measureInput, personInput, signalInput } from '../support/factories';
import { REGISTER_FAMILY, REGISTER_PERSON, recordMeasure, reportSignal } from '../support/operations';
import { startTestHub, TestHub } from '../support/test-hub';
import { hydrateRows, jsonSetSql } from '../../subgraphs/common/db/json-rows';
import { SignalEntity } from '../../subgraphs/common/agency/signal.entity';
import { BenefitEntity } from '../../subgraphs/social/entities/benefit.entity';
import { ConsentEntity } from '../../subgraphs/bank/access/entities/consent.entity';
import { PersonEntity } from '../../subgraphs/bank/identity/entities/person.entity';
import { DataSource, ObjectLiteral } from 'typeorm';

/** The portal's safelisted case view, its text as registered (the arrangement's writes are not safelisted, so the gateway runs in development mode). */
const CASE_VIEW = print({
  kind: Kind.DOCUMENT,
  definitions: (parse(readFileSync(path.join(OPERATIONS_DIR, 'kdn-portal', 'case-view.graphql'), 'utf8')).definitions as OperationDefinitionNode[]).filter((d) => d.name?.value === 'CaseView'),
});
const AGENCIES: AgencySubgraphName[] = ['education', 'health', 'police', 'social', 'guardianship'];
const ALL_CATEGORIES = ['IDENTITY', 'CONTACTS', 'DOCUMENTS', 'EDUCATION', 'HEALTH', 'OFFENCES', 'SOCIAL', 'HOUSING'];
const LIMIT = 12;

/**
 * What is counted: every statement a subgraph's data source sends to PostgreSQL (the TypeORM
 * logger behind `queries.total`), whatever sends it: loaders, access checks, the grant re-check
 * against the bank's subject state, and `audit.append()`: each subgraph that answered writes its own
 * access-log entry before its answer leaves; in one process they go through the audit service's
 * writer, whose calls (one per group commit: one to six for a view) its own counter holds, summed
 * with the rest. A transaction's START TRANSACTION and COMMIT would count as statements too; the
 * case view opens none.
 * Background work is kept out of the window: the hub runs without the sync relays.
 */
describe('the safelisted case view costs at most 12 SQL statements over all subgraphs, the access log included', () => {
  let t: TestHub;
  let secretary: string;
  let childId: string;
  let motherId: string;

  const register = async (overrides: Record<string, unknown>) => {
    const r = await t.gql<{ registerPerson: { person: { id: string } } }>(secretary, REGISTER_PERSON, { input: personInput(overrides) });
    expect(r.errors).toBeUndefined();
    return r.data!.registerPerson.person.id;
  };
  const ok = (r: { errors?: unknown }) => expect(r.errors).toBeUndefined();

  const auditEntries = async (requestId: string) => Number((await t.hub.audit.dataSource.query(`SELECT count(*) AS n FROM audit.entry WHERE body->>'requestId' = $1`, [requestId]))[0].n);

  /** Statements per subgraph for one case view, and the answer. */
  const view = async (username: string) => {
    const token = await t.userToken(username);
    const requestId = `case-view-cost-${randomUUID()}`;
    const before = SUBGRAPH_NAMES.map((n) => t.hub.subgraphs[n].queries.total);
    const target = new URL(t.hub.gatewayUrl);
    const response = await request(target.origin)
      .post(target.pathname)
      .set('content-type', 'application/json')
      .set('authorization', `Bearer ${token}`)
      .set('x-hub-purpose', 'INDIVIDUAL_PREVENTION')
      .set('x-request-id', requestId)
      .send({ query: CASE_VIEW, operationName: 'CaseView', variables: { id: childId } });
    const cost = Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, t.hub.subgraphs[n].queries.total - before[i]])) as Record<SubgraphName, number>;
    const total = Object.values(cost).reduce((a, b) => a + b, 0);
    return {
      status: response.status,
      body: response.body as { data?: { child: Record<string, any> | null }; errors?: Array<{ path?: string[]; extensions?: Record<string, unknown> }> },
      cost,
      total,
      requestId,
    };
  };

  /** Many more rows in every agency's tables, straight in their schemas: the point here is reading them. */
  const addRecords = async (count: number) => {
    for (const agency of AGENCIES) {
      await t.hub.subgraphs[agency].dataSource.query(
        `INSERT INTO signal (child_id, observed_at, reporter_name, reporter_organisation, source_kind, indicator_codes, urgency, status, description, client_id, created_by, idempotency_key, request_hash)
         SELECT $1::uuid, now() - (n || ' days')::interval, 'Петрова М. С.', 'МБОУ СОШ № 1', $3, '{EDUCATION-L1-01}', 'ROUTINE', 'REPORTED', 'Пропуски', 'test-system', 'test', $1::text || '-cost-s-' || n, 'x'
         FROM generate_series(1, $2) n`,
        [childId, count, agency.toUpperCase()],
      );
      await t.hub.subgraphs[agency].dataSource.query(
        `INSERT INTO measure (child_id, title, kind, due_date, executor_name, executor_organisation, status, client_id, created_by, idempotency_key, request_hash)
         SELECT $1::uuid, 'Беседа', 'PREVENTIVE_TALK', date '2026-12-01' + n, 'Петрова М. С.', 'МБОУ СОШ № 1', 'PLANNED', 'test-system', 'test', $1::text || '-cost-m-' || n, 'x'
         FROM generate_series(1, $2) n`,
        [childId, count],
      );
    }
  };

  beforeAll(async () => {
    t = await startTestHub({ sync: false });
    secretary = await t.userToken('secretary.vlk');
    childId = await register({});
    motherId = await register({ firstName: 'Мать', birthDate: '1987-03-03' });
    ok(
      await t.gql(secretary, REGISTER_FAMILY, {
        input: {
          idempotencyKey: `cost-family-${childId}`,
          municipality: '05701000',
          categories: [],
          members: [
            { personId: motherId, role: 'MOTHER' },
            { personId: childId, role: 'CHILD' },
          ],
        },
      }),
    );
    for (const agency of AGENCIES) {
      const token = await t.systemToken(agency);
      const facts = factsMutation(agency, childId);
      ok(await t.gql(token, reportSignal(agency), { input: signalInput(childId, { sourceKind: agency.toUpperCase() }) }));
      ok(await t.gql(token, recordMeasure(agency), { input: measureInput(childId) }));
      ok(await t.gql(token, facts.query, { input: facts.input }));
    }
    ok(
      await t.gql(await t.systemToken('social'), `mutation B($input: RecordSocialBenefitInput!) { social { recordBenefit(input: $input) { id } } }`, {
        input: { idempotencyKey: `cost-benefit-${childId}`, childId, kind: 'UNIFIED_CHILD_ALLOWANCE', amount: '12345.60', monthly: true, from: '2026-01-01' },
      }),
    );
    // Yoshkar-Ola's social service centre takes part in the case, and the mother consents to everything for it.
    const socialYol = loadOrganisationRegistry()
      .all()
      .find((o) => o.code === 'social-yol')!.id;
    ok(
      await t.gql(secretary, `mutation O($input: OpenCaseParticipationInput!) { openCaseParticipation(input: $input) { id } }`, {
        input: { childId, organisationId: socialYol, basis: 'Постановление КДН № 7', openedOn: '2026-11-01' },
      }),
    );
    ok(
      await t.gql(secretary, `mutation C($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`, {
        input: {
          childId,
          grantorId: motherId,
          validFrom: '2026-01-01',
          documentRef: 'Согласие № 14',
          grantees: ['SOCIAL'],
          territories: ['88701000'],
          categories: ALL_CATEGORIES,
          purposes: ['INDIVIDUAL_PREVENTION'],
        },
      }),
    );
  });
  afterAll(() => t.stop());

  it('when the KDN secretary opens the case view of a child with records in every agency, then all subgraphs together run at most 12 statements, one access-log entry per subgraph included', async () => {
    const { status, body, cost, total, requestId } = await view('secretary.vlk');

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const child = body.data!.child!;
    expect(child.families[0].members).toHaveLength(2);
    expect(child.consents).toHaveLength(1);
    expect(child.participations).toEqual([expect.objectContaining({ agency: 'SOCIAL' })]);
    for (const agency of AGENCIES) expect(child[agency].signals.length).toBeGreaterThan(0);
    expect(child.guardianship.inspections).toEqual([expect.objectContaining({ actNumber: 'А-17' })]);
    // The log holds the six entries this view wrote (bank and five agencies); in one process the audit
    // service's writer appends them (one call per group commit), and its calls are among the statements counted.
    expect(await auditEntries(requestId)).toBe(6);
    for (const name of ['bank', ...AGENCIES] as const) expect(cost[name]).toBe(1);
    expect(cost.audit).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(LIMIT);
  });

  it('when the social service of the case reads it under the consent, then the re-check of its consent-based grants is in the same budget', async () => {
    const { body, cost, total, requestId } = await view('social.yol');

    const child = body.data!.child!;
    expect(child.snils).not.toBeNull();
    expect(child.social.patronages).toEqual([expect.objectContaining({ kind: 'PERIODIC' })]);
    expect(child.guardianship.inspections).toHaveLength(1);
    // Health and police are refused by role, before any of their rows is read: no statement of their own (their entries go through the audit service's writer).
    expect(body.errors!.map((e) => e.path!.join('.')).sort()).toEqual(['child.health', 'child.police']);
    expect(cost.health).toBe(0);
    expect(cost.police).toBe(0);
    expect(await auditEntries(requestId)).toBe(6);
    expect(total).toBeLessThanOrEqual(LIMIT);
  });

  it("when the secretary reads by law, then no agency reads the bank's subject state; when the social service reads under the consent, then its statement does, for the re-check", async () => {
    /** The text of every statement each agency sends during `act`. */
    const statements = async (act: () => Promise<unknown>) => {
      const seen = Object.fromEntries(AGENCIES.map((a) => [a, [] as string[]])) as Record<AgencySubgraphName, string[]>;
      const restore = AGENCIES.map((agency) => {
        const logger = t.hub.subgraphs[agency].dataSource.logger;
        const original = logger.logQuery.bind(logger);
        logger.logQuery = (query, parameters, runner) => {
          seen[agency].push(query);
          return original(query, parameters, runner);
        };
        return () => (logger.logQuery = original);
      });
      try {
        await act();
      } finally {
        restore.forEach((undo) => undo());
      }
      return seen;
    };
    const readsState = (texts: string[]) => texts.some((q) => q.includes('bank.subject_state('));

    const byLaw = await statements(() => view('secretary.vlk'));
    const byConsent = await statements(() => view('social.yol'));

    for (const agency of AGENCIES) expect({ agency, texts: byLaw[agency].length, readsState: readsState(byLaw[agency]) }).toEqual({ agency, texts: 1, readsState: false });
    expect(readsState(byConsent.social)).toBe(true);
    expect(byConsent.social).toHaveLength(1);
  });

  it('when rows come back through the one-statement JSON read, then they equal what the repository reads, amounts exact and dates as dates', async () => {
    const same = async (dataSource: DataSource, entity: new () => ObjectLiteral, column: string, id: string) => {
      const [row] = await dataSource.query(`SELECT ${jsonSetSql(dataSource, entity, `t.${column} = $1::uuid`, { id: 'ASC' })} AS rows`, [id]);
      const viaJson = hydrateRows(dataSource, entity, row.rows);
      const viaFind = await dataSource.getRepository(entity).find({ where: { [column === 'id' ? 'id' : 'childId']: id }, order: { id: 'ASC' } });
      expect(viaJson.length).toBeGreaterThan(0);
      expect(viaJson).toEqual(viaFind);
      return viaJson;
    };
    const benefits = await same(t.hub.subgraphs.social.dataSource, BenefitEntity, 'child_id', childId);
    expect(benefits[0].amount).toBe('12345.60');
    const signals = await same(t.hub.subgraphs.education.dataSource, SignalEntity, 'child_id', childId);
    expect(signals[0].observedAt).toBeInstanceOf(Date);
    await same(t.hub.subgraphs.bank.dataSource, ConsentEntity, 'child_id', childId);
    await same(t.hub.subgraphs.bank.dataSource, PersonEntity, 'id', childId);
  });

  it('when the child gains 100 signals and 100 measures in every agency and a sibling with its own consent, then no subgraph runs one statement more', async () => {
    const small = await view('secretary.vlk');
    const siblingId = await register({ firstName: 'Брат', birthDate: '2016-02-02' });
    ok(
      await t.gql(secretary, REGISTER_FAMILY, {
        input: {
          idempotencyKey: `cost-family2-${siblingId}`,
          municipality: '05701000',
          categories: [],
          members: [
            { personId: motherId, role: 'MOTHER' },
            { personId: childId, role: 'CHILD' },
            { personId: siblingId, role: 'CHILD' },
          ],
        },
      }),
    );
    ok(
      await t.gql(secretary, `mutation C($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`, {
        input: {
          childId: siblingId,
          grantorId: motherId,
          validFrom: '2026-01-01',
          documentRef: 'Согласие № 15',
          grantees: ['SOCIAL'],
          territories: ['88701000'],
          categories: ['IDENTITY'],
          purposes: ['INDIVIDUAL_PREVENTION'],
        },
      }),
    );
    await addRecords(100);

    const large = await view('secretary.vlk');

    expect(large.body.errors).toBeUndefined();
    expect(large.body.data!.child!.families).toHaveLength(2);
    expect(large.body.data!.child!.education.signals.length).toBeGreaterThan(100);
    // The access log's calls depend on how the six entries meet in group commits, not on the rows.
    const reads = ({ audit, ...rest }: Record<string, number>) => ({ rest, audit: audit >= 1 && audit <= 6 });
    expect(reads(large.cost)).toEqual(reads(small.cost));
    expect(large.total).toBeLessThanOrEqual(LIMIT);
  });
});
