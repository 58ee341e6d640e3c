import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Corrections of a case (workflow/case-corrections.ts): two ends only a correction reaches
 * (ANNULLED, MERGED, with the case merged into), and the versions of an approved programme (each
 * row says in which version it was added and, once cancelled, in which version it was cancelled:
 * a cancelled row stays, as the programme's history).
 */
export class CaseCorrections1763800000032 implements MigrationInterface {
  name = 'CaseCorrections1763800000032';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE kdn_case DROP CONSTRAINT IF EXISTS kdn_case_state_check`);
    await q.query(`ALTER TABLE kdn_case ADD CONSTRAINT kdn_case_state_check CHECK (state IN ('REGISTERED', 'CHECKING', 'CONCLUDED', 'IN_WORK', 'PROGRAMME_APPROVED', 'CLOSED', 'ANNULLED', 'MERGED'))`);
    await q.query(`ALTER TABLE kdn_case ADD COLUMN merged_into uuid REFERENCES kdn_case (id), ADD COLUMN programme_version int NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE kdn_case ADD CONSTRAINT kdn_case_merged_into CHECK ((state = 'MERGED') = (merged_into IS NOT NULL) AND merged_into IS DISTINCT FROM id)`);
    await q.query(`ALTER TABLE programme_row ADD COLUMN version int NOT NULL DEFAULT 1, ADD COLUMN cancelled_in_version int, ADD COLUMN cancelled_on date, ADD COLUMN cancel_reason text`);
    await q.query(
      `ALTER TABLE programme_row ADD CONSTRAINT programme_row_cancelled CHECK (cancelled_in_version IS NULL OR (cancelled_in_version > version AND cancelled_on IS NOT NULL AND cancel_reason IS NOT NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE programme_row DROP CONSTRAINT programme_row_cancelled, DROP COLUMN cancel_reason, DROP COLUMN cancelled_on, DROP COLUMN cancelled_in_version, DROP COLUMN version`);
    await q.query(`ALTER TABLE kdn_case DROP CONSTRAINT kdn_case_merged_into, DROP COLUMN programme_version, DROP COLUMN merged_into`);
    await q.query(`ALTER TABLE kdn_case DROP CONSTRAINT kdn_case_state_check`);
    await q.query(`ALTER TABLE kdn_case ADD CONSTRAINT kdn_case_state_check CHECK (state IN ('REGISTERED', 'CHECKING', 'CONCLUDED', 'IN_WORK', 'PROGRAMME_APPROVED', 'CLOSED'))`);
  }
}
