import { MigrationInterface, QueryRunner } from 'typeorm';

export class SocialSupport1763800000402 implements MigrationInterface {
  name = 'SocialSupport1763800000402';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE social_support (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('SOCIAL_SERVICE_AT_HOME', 'SEMI_STATIONARY', 'STATIONARY', 'URGENT_SOCIAL_SERVICE', 'SOCIAL_ESCORT')),
        provider text NOT NULL CHECK (char_length(provider) BETWEEN 1 AND 300),
        date_from date NOT NULL,
        date_to date CHECK (date_to >= date_from),
        client_id text NOT NULL,
        created_by text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT social_support_idempotency UNIQUE (client_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX social_support_child ON social_support (child_id, date_from DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE social_support`);
  }
}
