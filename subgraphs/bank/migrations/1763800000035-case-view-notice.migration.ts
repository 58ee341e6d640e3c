import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an organisation outside a case's team opened the child's card, per day: the curator is
 * told once per organisation and day, not at every request.
 */
export class CaseViewNotice1763800000035 implements MigrationInterface {
  name = 'CaseViewNotice1763800000035';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_view_notice (
        case_id uuid NOT NULL REFERENCES kdn_case (id),
        organisation_id text NOT NULL,
        viewed_on date NOT NULL,
        PRIMARY KEY (case_id, organisation_id, viewed_on)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_view_notice`);
  }
}
