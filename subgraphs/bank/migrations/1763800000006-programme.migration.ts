import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programme of a KDN case (DOMAIN.md step 6: problem -> task -> planned measure, executor
 * agency, due date -> done) and the case's follow-up records (step 7: patronage sheets,
 * quarterly reports, living-conditions surveys, programme reviews, consiliums).
 *
 * The `measure_*`, `done_on`, `result` and `executor` columns of a programme row are filled when
 * the executor agency reports the measure that carries the row out (the agencies' events); the
 * programme's author never writes them.
 */
export class Programme1763800000006 implements MigrationInterface {
  name = 'Programme1763800000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programme_row (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES kdn_case (id),
        row_no int NOT NULL CHECK (row_no > 0),
        problem text NOT NULL,
        task text NOT NULL,
        measure text NOT NULL,
        executor_agency text NOT NULL,
        due_date date NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        measure_id uuid,
        measure_status text,
        done_on date,
        result text,
        executor text,
        measure_position bigint,
        UNIQUE (case_id, row_no)
      )`);
    await q.query(`CREATE INDEX programme_row_executor_due ON programme_row (executor_agency, due_date)`);
    await q.query(`
      CREATE TABLE case_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES kdn_case (id),
        kind text NOT NULL CHECK (kind IN ('PATRONAGE_SHEET', 'QUARTERLY_REPORT', 'LIVING_CONDITIONS_SURVEY', 'PROGRAMME_REVIEW', 'CONSILIUM')),
        agency text,
        period_from date,
        period_to date,
        recorded_on date NOT NULL,
        summary text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        recorded_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_from IS NULL OR period_to IS NULL OR period_from <= period_to)
      )`);
    await q.query(`CREATE INDEX case_record_case_kind ON case_record (case_id, kind, recorded_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_record, programme_row`);
  }
}
