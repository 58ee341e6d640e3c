import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each step of the police emergency track marked done: its date and document (Mari El 7.2). */
export class EmergencyResponseStep1763800000305 implements MigrationInterface {
  name = 'EmergencyResponseStep1763800000305';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE emergency_response_step (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        response_id uuid NOT NULL REFERENCES emergency_response (id) ON DELETE CASCADE,
        step text NOT NULL CHECK (step IN ('GUARDIANSHIP_INFORMED', 'KDN_REPORT', 'SOCIAL_INFORMED', 'KDN_DELIVERY_REPORT')),
        done_on date NOT NULL,
        document_ref text NOT NULL CHECK (char_length(document_ref) BETWEEN 1 AND 300),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT emergency_response_step_once UNIQUE (response_id, step)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE emergency_response_step`);
  }
}
