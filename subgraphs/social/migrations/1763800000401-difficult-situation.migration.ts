import { MigrationInterface, QueryRunner } from 'typeorm';

export class DifficultSituation1763800000401 implements MigrationInterface {
  name = 'DifficultSituation1763800000401';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE difficult_situation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        recognised_on date NOT NULL,
        decision_number text NOT NULL CHECK (char_length(decision_number) BETWEEN 1 AND 100),
        basis text CHECK (char_length(basis) <= 2000),
        ended_on date CHECK (ended_on >= recognised_on),
        client_id text NOT NULL,
        created_by text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT difficult_situation_idempotency UNIQUE (client_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX difficult_situation_child ON difficult_situation (child_id, recognised_on DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE difficult_situation`);
  }
}
