import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signals and measures name the organisation that wrote them (ОГРН): the detecting body of a
 * case, the recipient of match notifications and the executor of a programme row are
 * organisations, not agency types. Older rows have none.
 */
export class AgencyOrganisation1763800000010 implements MigrationInterface {
  name = 'AgencyOrganisation1763800000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE signal ADD COLUMN organisation_id text`);
    await q.query(`ALTER TABLE measure ADD COLUMN organisation_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE signal DROP COLUMN organisation_id`);
    await q.query(`ALTER TABLE measure DROP COLUMN organisation_id`);
  }
}
