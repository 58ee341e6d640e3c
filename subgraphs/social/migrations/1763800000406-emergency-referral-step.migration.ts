import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each step of the social protection emergency track marked done: its date and document (Mari El 7.3). */
export class EmergencyReferralStep1763800000406 implements MigrationInterface {
  name = 'EmergencyReferralStep1763800000406';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE emergency_referral_step (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        referral_id uuid NOT NULL REFERENCES emergency_referral (id) ON DELETE CASCADE,
        step text NOT NULL CHECK (step IN ('LIVING_CONDITIONS_SURVEY', 'KDN_HANDOVER_REPORT')),
        done_on date NOT NULL,
        document_ref text NOT NULL CHECK (char_length(document_ref) BETWEEN 1 AND 300),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT emergency_referral_step_once UNIQUE (referral_id, step)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE emergency_referral_step`);
  }
}
