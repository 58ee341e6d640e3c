import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data bank entry as the regulations describe it (issue 13): the reason for registration is
 * the SOP criteria the resolution names (Mari El 3.2, appendix 2 section 6, appendix 3 section 8;
 * Myasnikovsky 2), not the resolution's number; the detecting body is named as the source was
 * (an organisation or, for citizens, the kind of source); and a minor may be recognised by
 * himself (Mari El: «несовершеннолетних и (или) семей»), so an entry names a family, a minor, or both.
 */
export class SopRegister1763800000042 implements MigrationInterface {
  name = 'SopRegister1763800000042';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE register_entry ADD COLUMN reason_criteria text[] NOT NULL DEFAULT '{}', ADD COLUMN reason_note text, ADD COLUMN detecting_name text`);
    await q.query(`ALTER TABLE register_entry ADD COLUMN subject text NOT NULL DEFAULT 'FAMILY' CHECK (subject IN ('FAMILY', 'MINOR'))`);
    await q.query(`ALTER TABLE register_entry ALTER COLUMN family_id DROP NOT NULL`);
    await q.query(`ALTER TABLE register_entry ADD CONSTRAINT register_entry_names_someone CHECK (family_id IS NOT NULL OR (subject = 'MINOR' AND child_id IS NOT NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE register_entry DROP CONSTRAINT register_entry_names_someone`);
    await q.query(`ALTER TABLE register_entry ALTER COLUMN family_id SET NOT NULL`);
    await q.query(`ALTER TABLE register_entry DROP COLUMN subject, DROP COLUMN reason_criteria, DROP COLUMN reason_note, DROP COLUMN detecting_name`);
  }
}
