import { MigrationInterface, QueryRunner } from 'typeorm';

export class HousingInspection1763800000501 implements MigrationInterface {
  name = 'HousingInspection1763800000501';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE housing_inspection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        act_number text NOT NULL CHECK (char_length(act_number) BETWEEN 1 AND 50),
        inspected_on date NOT NULL,
        inspector text NOT NULL CHECK (char_length(inspector) BETWEEN 1 AND 300),
        conclusion text NOT NULL CHECK (char_length(conclusion) BETWEEN 1 AND 10000),
        threat_to_life_or_health boolean NOT NULL,
        client_id text NOT NULL,
        created_by text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT housing_inspection_idempotency UNIQUE (client_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX housing_inspection_child ON housing_inspection (child_id, inspected_on DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE housing_inspection`);
  }
}
