import { MigrationInterface, QueryRunner } from 'typeorm';

/** Social protection informed of a child in an emergency placement (Mari El 7.1 3) б), 7.2 3) г), 7.3). */
export class EmergencyReferral1763800000405 implements MigrationInterface {
  name = 'EmergencyReferral1763800000405';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE emergency_referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        received_on date NOT NULL CHECK (received_on >= DATE '2000-01-01'),
        referred_by text NOT NULL CHECK (referred_by IN ('GUARDIANSHIP', 'POLICE')),
        description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 10000),
        handed_over_on date,
        handed_over_to text CHECK (handed_over_to IN ('PARENTS', 'OTHER_CARERS')),
        handover_document_ref text CHECK (char_length(handover_document_ref) BETWEEN 1 AND 300),
        client_id text NOT NULL,
        created_by text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT emergency_referral_idempotency UNIQUE (client_id, idempotency_key),
        CONSTRAINT emergency_referral_handover CHECK (
          (handed_over_on IS NULL AND handed_over_to IS NULL AND handover_document_ref IS NULL)
          OR (handed_over_on >= received_on AND handed_over_to IS NOT NULL AND handover_document_ref IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX emergency_referral_child ON emergency_referral (child_id, received_on DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE emergency_referral`);
  }
}
