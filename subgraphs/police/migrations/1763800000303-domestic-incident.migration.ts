import { MigrationInterface, QueryRunner } from 'typeorm';

export class DomesticIncident1763800000303 implements MigrationInterface {
  name = 'DomesticIncident1763800000303';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE domestic_incident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        family_id uuid,
        occurred_on date NOT NULL CHECK (occurred_on >= DATE '2000-01-01'),
        description text NOT NULL CHECK (description <> ''),
        measures_taken text,
        client_id text NOT NULL,
        created_by text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT domestic_incident_idempotency UNIQUE (client_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX domestic_incident_child ON domestic_incident (child_id, occurred_on DESC)`);
    await q.query(`CREATE INDEX domestic_incident_family ON domestic_incident (family_id, occurred_on DESC) WHERE family_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE domestic_incident`);
  }
}
