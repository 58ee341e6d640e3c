import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Представление (a subject of prevention asks the KDN chair to register a family in the data bank,
 * Myasnikovsky appendix 6) and ходатайство (to remove it, appendix 7), as the forms have them.
 */
export class Petitions1763800000040 implements MigrationInterface {
  name = 'Petitions1763800000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE petition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('REGISTRATION', 'REMOVAL')),
        family_id uuid NOT NULL REFERENCES family (id),
        case_id uuid REFERENCES kdn_case (id),
        municipality text NOT NULL,
        address text NOT NULL CHECK (char_length(address) BETWEEN 1 AND 500),
        reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
        grounds text NOT NULL DEFAULT '' CHECK (char_length(grounds) <= 10000),
        signer_name text NOT NULL CHECK (char_length(signer_name) BETWEEN 1 AND 300),
        signer_position text NOT NULL CHECK (char_length(signer_position) BETWEEN 1 AND 300),
        filed_on date NOT NULL,
        agency text NOT NULL,
        organisation_id text,
        filed_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX petition_family ON petition (family_id, filed_on DESC)`);
    await q.query(`CREATE INDEX petition_case ON petition (case_id) WHERE case_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE petition`);
  }
}
