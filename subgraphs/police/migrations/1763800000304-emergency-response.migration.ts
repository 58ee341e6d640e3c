import { MigrationInterface, QueryRunner } from 'typeorm';

/** The police's emergency responses about a child in danger (Mari El 7.2). */
export class EmergencyResponse1763800000304 implements MigrationInterface {
  name = 'EmergencyResponse1763800000304';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE emergency_response (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        received_on date NOT NULL CHECK (received_on >= DATE '2000-01-01'),
        origin text NOT NULL CHECK (origin IN ('INFORMATION_RECEIVED', 'NEGLECTED_CHILD_FOUND')),
        delivered_to text CHECK (delivered_to IN ('ORPHAN_INSTITUTION', 'MEDICAL_ORGANISATION')),
        delivered_on date,
        delivery_document_ref text CHECK (char_length(delivery_document_ref) BETWEEN 1 AND 300),
        description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 10000),
        client_id text NOT NULL,
        created_by text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT emergency_response_idempotency UNIQUE (client_id, idempotency_key),
        -- Only a found neglected child is delivered (7.2 3) в)); the place, the day and the act go together.
        CONSTRAINT emergency_response_delivery CHECK (
          (delivered_to IS NULL AND delivered_on IS NULL AND delivery_document_ref IS NULL)
          OR (origin = 'NEGLECTED_CHILD_FOUND' AND delivered_to IS NOT NULL AND delivered_on >= received_on AND delivery_document_ref IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX emergency_response_child ON emergency_response (child_id, received_on DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE emergency_response`);
  }
}
