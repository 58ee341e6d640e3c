import { MigrationInterface, QueryRunner } from 'typeorm';

export class GuardianshipStatus1763800000503 implements MigrationInterface {
  name = 'GuardianshipStatus1763800000503';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE guardianship_status (
        child_id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('NONE', 'UNDER_GUARDIANSHIP', 'FOSTER_FAMILY', 'ADOPTED', 'IN_INSTITUTION', 'LEFT_WITHOUT_CARE')),
        since date NOT NULL,
        guardian_person_id uuid,
        note text CHECK (char_length(note) <= 2000),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT guardianship_status_guardian CHECK (guardian_person_id IS NULL OR status IN ('UNDER_GUARDIANSHIP', 'FOSTER_FAMILY', 'ADOPTED'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE guardianship_status`);
  }
}
