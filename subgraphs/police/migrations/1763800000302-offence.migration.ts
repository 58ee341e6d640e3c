import { MigrationInterface, QueryRunner } from 'typeorm';

export class Offence1763800000302 implements MigrationInterface {
  name = 'Offence1763800000302';

  async up(q: QueryRunner): Promise<void> {
    // Kinds are spelled out rather than read from police.enums.ts: a migration must not change after it ran.
    await q.query(`
      CREATE TABLE offence (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('OFFENCE', 'ADMINISTRATIVE_CASE', 'CRIME')),
        article text NOT NULL CHECK (article <> ''),
        occurred_on date NOT NULL CHECK (occurred_on >= DATE '2000-01-01'),
        description text NOT NULL CHECK (description <> ''),
        decision text,
        client_id text NOT NULL,
        created_by text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT offence_idempotency UNIQUE (client_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX offence_child ON offence (child_id, occurred_on DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE offence`);
  }
}
