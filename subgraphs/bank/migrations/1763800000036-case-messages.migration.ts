import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two more kinds of case record: the information message to the KDN (Primorsky appendix 3: the
 * family taken on or off an agency's control or service) and the family told of the closing
 * resolution (Mari El 6.5). The kind is checked by the database, so the list grows here.
 */
export class CaseMessages1763800000036 implements MigrationInterface {
  name = 'CaseMessages1763800000036';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_record DROP CONSTRAINT case_record_kind_check`);
    await q.query(
      `ALTER TABLE case_record ADD CONSTRAINT case_record_kind_check CHECK (kind IN ('PATRONAGE_SHEET', 'QUARTERLY_REPORT', 'LIVING_CONDITIONS_SURVEY', 'PROGRAMME_REVIEW', 'CONSILIUM', 'INFORMATION_MESSAGE', 'FAMILY_INFORMED'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM case_record WHERE kind IN ('INFORMATION_MESSAGE', 'FAMILY_INFORMED')`);
    await q.query(`ALTER TABLE case_record DROP CONSTRAINT case_record_kind_check`);
    await q.query(`ALTER TABLE case_record ADD CONSTRAINT case_record_kind_check CHECK (kind IN ('PATRONAGE_SHEET', 'QUARTERLY_REPORT', 'LIVING_CONDITIONS_SURVEY', 'PROGRAMME_REVIEW', 'CONSILIUM'))`);
  }
}
