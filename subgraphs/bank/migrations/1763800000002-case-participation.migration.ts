import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which agencies take part in an open case about a child: the relationship that lets an agency
 * read other agencies' sections. The case workflow replaces its source with the case register;
 * the rule that reads it (CaseRelationshipService) stays the one place to change.
 */
export class CaseParticipation1763800000002 implements MigrationInterface {
  name = 'CaseParticipation1763800000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_participation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL REFERENCES person (id),
        agency text NOT NULL CHECK (agency IN ('kdn', 'guardianship', 'social', 'education', 'health', 'police')),
        basis text NOT NULL CHECK (char_length(basis) BETWEEN 1 AND 500),
        opened_on date NOT NULL,
        opened_by text NOT NULL,
        closed_on date CHECK (closed_on IS NULL OR closed_on >= opened_on),
        closed_by text,
        close_reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX case_participation_open ON case_participation (child_id, agency) WHERE closed_on IS NULL`);
    await q.query(`CREATE INDEX case_participation_agency_open ON case_participation (agency, child_id) WHERE closed_on IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_participation`);
  }
}
