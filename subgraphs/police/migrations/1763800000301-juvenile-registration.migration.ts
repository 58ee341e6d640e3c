import { MigrationInterface, QueryRunner } from 'typeorm';

export class JuvenileRegistration1763800000301 implements MigrationInterface {
  name = 'JuvenileRegistration1763800000301';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE juvenile_registration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        unit text NOT NULL CHECK (unit <> ''),
        registered_on date NOT NULL CHECK (registered_on >= DATE '2000-01-01'),
        reason text NOT NULL CHECK (reason <> ''),
        removed_on date,
        removal_reason text,
        removed_by text,
        client_id text NOT NULL,
        created_by text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT juvenile_registration_idempotency UNIQUE (client_id, idempotency_key),
        CONSTRAINT juvenile_registration_removal CHECK (
          (removed_on IS NULL AND removal_reason IS NULL AND removed_by IS NULL)
          OR (removed_on IS NOT NULL AND removal_reason IS NOT NULL AND removed_by IS NOT NULL)),
        CONSTRAINT juvenile_registration_dates CHECK (removed_on >= registered_on)
      )`);
    await q.query(`CREATE INDEX juvenile_registration_child ON juvenile_registration (child_id, registered_on DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE juvenile_registration`);
  }
}
