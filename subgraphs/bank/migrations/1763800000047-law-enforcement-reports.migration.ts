import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Information sent to law enforcement on facts found in a check (Primorsky 5.3: «информация
 * незамедлительно направляется в правоохранительные органы»): to whom, when, by whom, and the
 * result of their check as appendix 4 counts it (criminal cases opened, administrative protocols).
 */
export class LawEnforcementReports1763800000047 implements MigrationInterface {
  name = 'LawEnforcementReports1763800000047';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE law_enforcement_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES kdn_case (id),
        sent_on date NOT NULL,
        recipient text NOT NULL,
        facts text NOT NULL,
        sent_by_agency text NOT NULL,
        sent_by_organisation text,
        result_kind text CHECK (result_kind IN ('CRIMINAL_CASE_OPENED', 'ADMINISTRATIVE_PROTOCOL', 'REFUSED')),
        result_on date,
        result_note text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((result_kind IS NULL) = (result_on IS NULL))
      )`);
    await q.query(`CREATE INDEX law_enforcement_report_case ON law_enforcement_report (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE law_enforcement_report`);
  }
}
