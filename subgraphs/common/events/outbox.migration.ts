import { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_CHANNEL } from './hub-event';

/**
 * The outbox, the same table in every subgraph's schema (unqualified names: the connection's
 * search_path is the subgraph's own schema). A change and its event commit in one transaction.
 *
 * `tx` is the writing transaction's id: a reader that must never skip a row (the regional feed)
 * only takes rows of transactions older than every transaction still running, so a row with a
 * smaller position that commits later cannot be passed over.
 */
export class Outbox1763800000099 implements MigrationInterface {
  name = 'Outbox1763800000099';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        position bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        aggregate_type text NOT NULL,
        aggregate_id uuid NOT NULL,
        child_id uuid,
        family_id uuid,
        type text NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_unpublished ON outbox (position) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX outbox_aggregate ON outbox (aggregate_id, position)`);
    // The feed's order: (transaction, position); see subgraphs/bank/sync/regional-feed.service.ts.
    await q.query(`CREATE INDEX outbox_feed ON outbox (tx, position)`);
    // One notification per statement, delivered at commit: the relay wakes instead of polling.
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('${OUTBOX_CHANNEL}', TG_TABLE_SCHEMA); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox; DROP FUNCTION outbox_notify()`);
  }
}
