import { MigrationInterface, QueryRunner } from 'typeorm';

export class Patronage1763800000403 implements MigrationInterface {
  name = 'Patronage1763800000403';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE patronage (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('EMERGENCY', 'URGENT', 'PERIODIC', 'CONTROL')),
        institution text NOT NULL CHECK (char_length(institution) BETWEEN 1 AND 300),
        started_on date NOT NULL,
        ended_on date CHECK (ended_on >= started_on),
        client_id text NOT NULL,
        created_by text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT patronage_idempotency UNIQUE (client_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX patronage_child ON patronage (child_id, started_on DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE patronage`);
  }
}
