import { MigrationInterface, QueryRunner } from 'typeorm';
import { SUBJECT_STATE_READERS } from './1763800000009-subject-state.migration';

/**
 * Programme drafting as Mari El 5.3 and 5.5 describe it: the lead and supporting organisations
 * send the curator their proposals to the individual programme (appendix 5: the situation, the
 * task, the planned measure, the term), and the curator composes the draft from them. A proposal
 * is kept whatever becomes of it: accepted into a programme row (which it names) or declined with
 * the curator's reason.
 *
 * Also: the organisation that recorded a follow-up record (patronage sheets are kept per
 * organisation, and two organisations of one type may work the same case), and the agencies'
 * second narrow door into the bank, `programme_row_state(ids)`: whose row it is and about which
 * child, whether an amendment cancelled it (case-corrections migration), so an agency refuses a
 * measure naming another organisation's row instead of storing a measure the bank would never link.
 */
export class ProgrammeProposals1763800000033 implements MigrationInterface {
  name = 'ProgrammeProposals1763800000033';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programme_proposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- The order of submission: rows proposed together share their transaction's time.
        seq bigint GENERATED ALWAYS AS IDENTITY,
        case_id uuid NOT NULL REFERENCES kdn_case (id),
        organisation_id text NOT NULL,
        agency text NOT NULL,
        problem text NOT NULL,
        task text NOT NULL,
        measure text NOT NULL,
        due_date date NOT NULL,
        proposed_by text,
        proposed_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED', 'ACCEPTED', 'DECLINED')),
        programme_row_id uuid REFERENCES programme_row (id),
        decided_by text,
        decided_at timestamptz,
        decline_reason text,
        CHECK ((status = 'ACCEPTED') = (programme_row_id IS NOT NULL)),
        CHECK ((status = 'DECLINED') = (decline_reason IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX programme_proposal_case ON programme_proposal (case_id, organisation_id)`);
    await q.query(`ALTER TABLE case_record ADD COLUMN organisation_id text`);
    await q.query(`
      CREATE FUNCTION programme_row_state(ids uuid[])
      RETURNS TABLE (id uuid, child_id uuid, executor_agency text, executor_organisation text, case_state text, programme_approved boolean, cancelled boolean)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bank, pg_temp AS $$
        SELECT r.id, c.child_id, r.executor_agency, r.executor_organisation, c.state,
               EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.action = 'approveProgramme'),
               r.cancelled_in_version IS NOT NULL
        FROM programme_row r JOIN kdn_case c ON c.id = r.case_id
        WHERE r.id = ANY (ids)
      $$`);
    // Default privileges already revoke PUBLIC's EXECUTE (subject-state migration); only the agencies may call it.
    await q.query(`REVOKE EXECUTE ON FUNCTION programme_row_state(uuid[]) FROM PUBLIC`);
    for (const role of SUBJECT_STATE_READERS) await q.query(`GRANT EXECUTE ON FUNCTION programme_row_state(uuid[]) TO ${role}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION programme_row_state(uuid[])`);
    await q.query(`ALTER TABLE case_record DROP COLUMN organisation_id`);
    await q.query(`DROP TABLE programme_proposal`);
  }
}
