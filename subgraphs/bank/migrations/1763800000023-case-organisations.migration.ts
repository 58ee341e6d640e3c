import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case's team by organisation: who checks, who executes each programme row, which body
 * detected the family. Cases of before keep empty lists and nulls: the rules then fall back to
 * the agency type serving the case's territory, as they did.
 */
export class CaseOrganisations1763800000023 implements MigrationInterface {
  name = 'CaseOrganisations1763800000023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE kdn_case ADD COLUMN check_organisations text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE kdn_case ADD COLUMN detecting_organisation text`);
    await q.query(`ALTER TABLE programme_row ADD COLUMN executor_organisation text`);
    await q.query(`ALTER TABLE register_entry ADD COLUMN detecting_organisation text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE register_entry DROP COLUMN detecting_organisation`);
    await q.query(`ALTER TABLE programme_row DROP COLUMN executor_organisation`);
    await q.query(`ALTER TABLE kdn_case DROP COLUMN detecting_organisation`);
    await q.query(`ALTER TABLE kdn_case DROP COLUMN check_organisations`);
  }
}
