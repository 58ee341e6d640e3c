import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reading a case back: the history names the organisation each step was taken for (a person or
 * a regional system acts for one organisation; the agency type alone cannot say which school),
 * and the lists page by (created_at, id) and filter by curator without scanning the register.
 */
export class CaseReadback1763800000034 implements MigrationInterface {
  name = 'CaseReadback1763800000034';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_event ADD COLUMN actor_organisation text`);
    await q.query(`CREATE INDEX kdn_case_paging ON kdn_case (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX kdn_case_curator ON kdn_case ((resolution->>'curator')) WHERE resolution IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX kdn_case_curator; DROP INDEX kdn_case_paging`);
    await q.query(`ALTER TABLE case_event DROP COLUMN actor_organisation`);
  }
}
