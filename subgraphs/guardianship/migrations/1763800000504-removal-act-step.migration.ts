import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each emergency-track step of a removal act marked done: its date and document (Mari El 7.1). */
export class RemovalActStep1763800000504 implements MigrationInterface {
  name = 'RemovalActStep1763800000504';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE removal_act_step (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        removal_act_id uuid NOT NULL REFERENCES removal_act (id) ON DELETE CASCADE,
        step text NOT NULL CHECK (step IN ('PROSECUTOR_NOTIFIED', 'REGISTER_ENTRY', 'COURT_CLAIM', 'KDN_REPORT')),
        done_on date NOT NULL,
        document_ref text NOT NULL CHECK (char_length(document_ref) BETWEEN 1 AND 300),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT removal_act_step_once UNIQUE (removal_act_id, step)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE removal_act_step`);
  }
}
