import { MigrationInterface, QueryRunner } from 'typeorm';

/** The consent registry and emergency (break-glass) accesses. */
export class Consent1763800000003 implements MigrationInterface {
  name = 'Consent1763800000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE consent (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL REFERENCES person (id),
        family_id uuid REFERENCES family (id),
        grantor_id uuid NOT NULL REFERENCES person (id),
        grantees text[] NOT NULL CHECK (cardinality(grantees) > 0 AND grantees <@ ARRAY['kdn','guardianship','social','education','health','police']),
        categories text[] NOT NULL CHECK (cardinality(categories) > 0 AND categories <@ ARRAY['identity','contacts','documents','education','health','offences','social','housing']),
        purposes text[] NOT NULL CHECK (cardinality(purposes) > 0),
        provision text NOT NULL CHECK (provision IN ('permit', 'deny')),
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to IS NULL OR valid_to >= valid_from),
        document_ref text NOT NULL CHECK (char_length(document_ref) BETWEEN 1 AND 300),
        status text NOT NULL CHECK (status IN ('active', 'withdrawn')),
        withdrawn_at timestamptz,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX consent_child ON consent (child_id)`);
    await q.query(`
      CREATE TABLE emergency_access (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL REFERENCES person (id),
        sub text NOT NULL,
        username text NOT NULL,
        agency text,
        justification text NOT NULL CHECK (char_length(justification) BETWEEN 20 AND 4000),
        opened_at timestamptz NOT NULL DEFAULT now(),
        until timestamptz NOT NULL,
        reviewed_at timestamptz,
        reviewed_by text,
        review_note text
      )`);
    await q.query(`CREATE INDEX emergency_access_child ON emergency_access (child_id, sub, until)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE emergency_access, consent`);
  }
}
