import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signals and measures, the same tables in every agency's schema. Table names are unqualified:
 * the connection's search_path is the agency's own schema.
 */
export class AgencyRecords1763800000000 implements MigrationInterface {
  name = 'AgencyRecords1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        family_id uuid,
        observed_at timestamptz NOT NULL,
        reporter_name text NOT NULL,
        reporter_position text,
        reporter_organisation text NOT NULL,
        source_kind text NOT NULL,
        indicator_codes text[] NOT NULL DEFAULT '{}',
        urgency text NOT NULL,
        status text NOT NULL,
        description text NOT NULL,
        cancel_reason text,
        client_id text NOT NULL,
        created_by text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT signal_idempotency UNIQUE (client_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX signal_child ON signal (child_id, observed_at DESC)`);
    await q.query(`CREATE INDEX signal_family ON signal (family_id, observed_at DESC) WHERE family_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE measure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        family_id uuid,
        title text NOT NULL,
        kind text NOT NULL,
        due_date date NOT NULL,
        done_date date,
        executor_name text NOT NULL,
        executor_organisation text NOT NULL,
        result text,
        programme_row_id uuid,
        status text NOT NULL,
        cancel_reason text,
        client_id text NOT NULL,
        created_by text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT measure_idempotency UNIQUE (client_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX measure_child ON measure (child_id, due_date)`);
    await q.query(`CREATE INDEX measure_family ON measure (family_id, due_date) WHERE family_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE measure`);
    await q.query(`DROP TABLE signal`);
  }
}
