import { MigrationInterface, QueryRunner } from 'typeorm';

export class SchoolStatus1763800000101 implements MigrationInterface {
  name = 'SchoolStatus1763800000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE school_status (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        academic_year text NOT NULL CHECK (academic_year ~ '^[0-9]{4}/[0-9]{4}$'),
        school_name text NOT NULL,
        class_name text NOT NULL,
        unexcused_absences int NOT NULL CHECK (unexcused_absences >= 0),
        failing_grades int NOT NULL CHECK (failing_grades >= 0),
        internal_register boolean NOT NULL,
        internal_register_since date,
        internal_register_reason text,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT school_status_child_year UNIQUE (child_id, academic_year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE school_status`);
  }
}
