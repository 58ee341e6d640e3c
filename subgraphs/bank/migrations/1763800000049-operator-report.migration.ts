import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data bank operator's quarterly report to the regional level (Myasnikovsky 5.9, Mari El 5.6):
 * that it was sent, when, under which outgoing number, by whom. One per municipality and quarter,
 * so a repeated call finds the row instead of filing the quarter twice.
 */
export class OperatorReport1763800000049 implements MigrationInterface {
  name = 'OperatorReport1763800000049';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE operator_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality text NOT NULL,
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        quarter int NOT NULL CHECK (quarter BETWEEN 1 AND 4),
        submitted_on date NOT NULL,
        document_ref text NOT NULL,
        submitted_by text NOT NULL,
        organisation_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (municipality, year, quarter)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE operator_report`);
  }
}
