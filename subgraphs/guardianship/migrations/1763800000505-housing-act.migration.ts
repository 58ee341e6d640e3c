import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fields of Myasnikovsky appendix 1 (АКТ жилищно-бытовых условий семьи) that the inspection
 * did not hold: parents, address and phone, members, living conditions, the family's problems
 * and the specialists who signed. One jsonb value: the form is read and printed as a whole.
 */
export class HousingAct1763800000505 implements MigrationInterface {
  name = 'HousingAct1763800000505';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE housing_inspection ADD COLUMN act jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE housing_inspection DROP COLUMN act`);
  }
}
