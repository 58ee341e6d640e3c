import { MigrationInterface, QueryRunner } from 'typeorm';

export class RemovalAct1763800000502 implements MigrationInterface {
  name = 'RemovalAct1763800000502';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE removal_act (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        act_number text NOT NULL CHECK (char_length(act_number) BETWEEN 1 AND 50),
        removed_on date NOT NULL,
        signed_by text NOT NULL CHECK (char_length(signed_by) BETWEEN 1 AND 300),
        placement_kind text NOT NULL CHECK (placement_kind IN ('OTHER_PARENT', 'RELATIVES', 'TEMPORARY_PLACEMENT', 'INSTITUTION')),
        placement_description text NOT NULL CHECK (char_length(placement_description) BETWEEN 1 AND 2000),
        prosecutor_notified_at timestamptz,
        client_id text NOT NULL,
        created_by text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT removal_act_idempotency UNIQUE (client_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX removal_act_child ON removal_act (child_id, removed_on DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE removal_act`);
  }
}
