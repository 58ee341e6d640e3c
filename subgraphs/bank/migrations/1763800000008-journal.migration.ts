import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The KDN journal: the agencies' signals (as their events brought them to the bank) that a case
 * was registered from, so the secretary sees which incoming signals still wait for registration.
 */
export class Journal1763800000008 implements MigrationInterface {
  name = 'Journal1763800000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_signal (
        case_id uuid NOT NULL REFERENCES kdn_case (id),
        source text NOT NULL,
        signal_id uuid NOT NULL,
        PRIMARY KEY (source, signal_id)
      )`);
    await q.query(`CREATE INDEX case_signal_case ON case_signal (case_id)`);
    await q.query(`CREATE INDEX agency_record_signals ON agency_record (updated_at DESC) WHERE aggregate_type = 'Signal'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX agency_record_signals; DROP TABLE case_signal`);
  }
}
