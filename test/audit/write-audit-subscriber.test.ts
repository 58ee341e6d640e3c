import { randomBytes, randomUUID } from 'node:crypto';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { AuditCollector } from '../../auth/audit/audit-entry';
import { WriteAuditSubscriber } from '../../auth/audit/write-audit-subscriber';
import { createLedgerScope, WriteLedger } from '../../auth/audit/write-ledger';
import { writtenTable } from '../../auth/audit/written-rows';
import { Principal } from '../../auth/principal';
import { createDatabase, dropDatabase } from '../../subgraphs/common/db/bootstrap';

@Entity({ name: 'item' })
class ItemEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;
}

describe('the write entry of a transaction, appended inside it (TypeORM subscriber, real PostgreSQL)', () => {
  const server = process.env.HUB_TEST_ADMIN_URL!;
  const database = `hub_test_${randomBytes(6).toString('hex')}`;
  let dataSource: DataSource;
  const scope = createLedgerScope();

  const entries = async (): Promise<Array<Record<string, any>>> =>
    (await dataSource.query(`SELECT canonical FROM audit.entry ORDER BY position`)).map((r: { canonical: string }) => JSON.parse(r.canonical));
  const items = async (): Promise<number> => Number((await dataSource.query(`SELECT count(*) FROM item`))[0].count);
  const item = () => ({ id: randomUUID(), childId: randomUUID() });

  /** Runs `work` as a verified request would: in its own ledger, with a caller. */
  const inRequest = <T>(work: (ledger: WriteLedger) => Promise<T>): Promise<{ ledger: WriteLedger; result: PromiseSettledResult<T> }> =>
    new Promise((resolve) =>
      scope.run(() => {
        const ledger = scope.current()!;
        const principal = { subject: 'sub-1', username: 'school-system', roles: ['agency_system'], agency: 'education', clientId: 'education-system' } as unknown as Principal;
        ledger.context = { principal, meta: { requestId: `r-${randomUUID()}`, purpose: 'INDIVIDUAL_PREVENTION', caseNumber: null }, audit: new AuditCollector() };
        ledger.operation = { name: 'Test', document: 'mutation Test { x }', variables: {} };
        work(ledger).then(
          (value) => resolve({ ledger, result: { status: 'fulfilled', value } }),
          (reason) => resolve({ ledger, result: { status: 'rejected', reason } }),
        );
      }),
    );

  beforeAll(async () => {
    const url = await createDatabase(server, database);
    dataSource = new DataSource({ type: 'postgres', url, entities: [ItemEntity], synchronize: false, poolSize: 4 });
    await dataSource.initialize();
    // A stand-in for the real chain: the subscriber's contract is only "call audit.append() on the transaction's connection".
    await dataSource.query(`CREATE SCHEMA audit`);
    await dataSource.query(`CREATE TABLE audit.entry (position bigserial PRIMARY KEY, canonical text NOT NULL)`);
    await dataSource.query(`CREATE TABLE audit.switch (down boolean NOT NULL)`);
    await dataSource.query(`INSERT INTO audit.switch VALUES (false)`);
    await dataSource.query(`
      CREATE FUNCTION audit.append(entries text[]) RETURNS bigint[] LANGUAGE plpgsql AS $$
      DECLARE positions bigint[];
      BEGIN
        IF (SELECT down FROM audit.switch) THEN RAISE EXCEPTION 'log down (test)'; END IF;
        WITH ins AS (INSERT INTO audit.entry (canonical) SELECT unnest(entries) RETURNING position) SELECT array_agg(position ORDER BY position) INTO positions FROM ins;
        RETURN positions;
      END $$`);
    await dataSource.query(`CREATE TABLE item (id uuid PRIMARY KEY, child_id uuid NOT NULL)`);
    dataSource.subscribers.push(new WriteAuditSubscriber({ service: 'education', pseudonymKey: 'test-key', ledger: scope.current }));
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase(server, database);
  });
  beforeEach(async () => {
    await dataSource.query(`TRUNCATE audit.entry`);
    await dataSource.query(`TRUNCATE item`);
    await dataSource.query(`UPDATE audit.switch SET down = false`);
  });

  it('when a request commits a transaction with a savepoint inside, then exactly one write entry is appended, naming the tables and the child written', async () => {
    const row = item();
    const { ledger, result } = await inRequest((_) =>
      dataSource.transaction(async (em) => {
        await em.getRepository(ItemEntity).insert(row);
        await em.transaction((inner) => inner.query(`UPDATE item SET child_id = child_id WHERE id = $1`, [row.id]));
      }),
    );
    expect(result.status).toBe('fulfilled');
    const logged = await entries();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ kind: 'write', service: 'education', operationName: 'Test', outcome: 'allowed', written: ['item'] });
    expect(logged[0].subjects).toHaveLength(1);
    expect(ledger.committed).toHaveLength(1);
  });

  it('when a bare save runs in a request, then TypeORM opens its transaction and the entry goes in with it', async () => {
    const { ledger } = await inRequest(() => dataSource.getRepository(ItemEntity).save(Object.assign(new ItemEntity(), item())));
    expect(await items()).toBe(1);
    expect(await entries()).toHaveLength(1);
    expect(ledger.committed).toHaveLength(1);
  });

  it('when a request writes outside any transaction, then the statement is refused and nothing is stored', async () => {
    const row = item();
    const { result } = await inRequest(() => dataSource.query(`INSERT INTO item (id, child_id) VALUES ($1, $2)`, [row.id, row.childId]));
    expect(result.status).toBe('rejected');
    expect(String((result as PromiseRejectedResult).reason)).toMatch(/outside a transaction/);
    expect(await items()).toBe(0);
  });

  it('when a transaction in a request writes nothing, then no entry is appended and nothing counts as committed', async () => {
    const { ledger } = await inRequest(() => dataSource.transaction((em) => em.query(`SELECT count(*) FROM item`)));
    expect(await entries()).toHaveLength(0);
    expect(ledger.committed).toHaveLength(0);
  });

  it('when the entry cannot be appended, then the write rolls back and the error says AUDIT_UNAVAILABLE, nothing stored', async () => {
    await dataSource.query(`UPDATE audit.switch SET down = true`);
    const { ledger, result } = await inRequest(() => dataSource.transaction((em) => em.getRepository(ItemEntity).insert(item())));
    expect(result.status).toBe('rejected');
    expect((result as PromiseRejectedResult).reason.extensions).toMatchObject({ code: 'AUDIT_UNAVAILABLE', committed: false });
    expect(await items()).toBe(0);
    expect(ledger.committed).toHaveLength(0);
  });

  it('when no request is running (a worker, a migration), then writes go through without a write entry', async () => {
    await dataSource.query(`INSERT INTO item (id, child_id) VALUES ($1, $2)`, [randomUUID(), randomUUID()]);
    await dataSource.transaction((em) => em.getRepository(ItemEntity).insert(item()));
    expect(await items()).toBe(2);
    expect(await entries()).toHaveLength(0);
  });
});

describe('which statements write', () => {
  it.each([
    ['INSERT INTO "education"."signal"("id") VALUES ($1)', 'signal'],
    ['UPDATE item SET x = 1', 'item'],
    ['  -- why\n DELETE FROM outbox WHERE true', 'outbox'],
    ['WITH moved AS (UPDATE notification SET x = 1 RETURNING id) SELECT * FROM moved', 'notification'],
    ['WITH c AS (SELECT 1) INSERT INTO case_event SELECT * FROM c', 'case_event'],
  ])('when %s runs, then it writes %s', (sql, table) => {
    expect(writtenTable(sql)).toBe(table);
  });

  it.each([['SELECT * FROM item FOR UPDATE'], ['WITH c AS (SELECT 1 FROM item FOR UPDATE) SELECT * FROM c'], ['SELECT audit.append($1::text[])'], ['START TRANSACTION'], ['SAVEPOINT typeorm_1']])(
    'when %s runs, then it writes nothing by its form',
    (sql) => {
      expect(writtenTable(sql)).toBeNull();
    },
  );
});
