import { MigrationInterface, QueryRunner } from 'typeorm';

export class Benefit1763800000404 implements MigrationInterface {
  name = 'Benefit1763800000404';

  async up(q: QueryRunner): Promise<void> {
    // A one-off payment is a single day: its period starts and ends on the payment date.
    await q.query(`
      CREATE TABLE benefit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('UNIFIED_CHILD_ALLOWANCE', 'STATE_SOCIAL_ASSISTANCE', 'SOCIAL_CONTRACT', 'LARGE_FAMILY_SUPPORT', 'HOUSING_SUBSIDY', 'MATERIAL_AID', 'IN_KIND_AID', 'OTHER')),
        amount numeric(12, 2) NOT NULL CHECK (amount > 0),
        monthly boolean NOT NULL,
        note text CHECK (char_length(note) <= 1000),
        date_from date NOT NULL,
        date_to date CHECK (date_to >= date_from),
        client_id text NOT NULL,
        created_by text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT benefit_one_off_single_day CHECK (monthly OR date_to = date_from),
        CONSTRAINT benefit_other_named CHECK (kind <> 'OTHER' OR note IS NOT NULL),
        CONSTRAINT benefit_idempotency UNIQUE (client_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX benefit_child ON benefit (child_id, date_from DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE benefit`);
  }
}
