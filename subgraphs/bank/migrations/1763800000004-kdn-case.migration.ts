import { MigrationInterface, QueryRunner } from 'typeorm';

/** The KDN case register: one row per case and an append-only history of its transitions. */
export class KdnCase1763800000004 implements MigrationInterface {
  name = 'KdnCase1763800000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE kdn_case_number`);
    await q.query(`
      CREATE TABLE kdn_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        child_id uuid NOT NULL REFERENCES person (id),
        municipality text NOT NULL,
        state text NOT NULL CHECK (state IN ('REGISTERED', 'CHECKING', 'CONCLUDED', 'IN_WORK', 'PROGRAMME_APPROVED', 'CLOSED')),
        urgency text NOT NULL,
        received_on date NOT NULL,
        source_kind text NOT NULL,
        summary text NOT NULL,
        indicator_codes text[] NOT NULL DEFAULT '{}',
        suggested_risk jsonb,
        check_agencies text[] NOT NULL DEFAULT '{}',
        check_due date,
        conclusion jsonb,
        resolution jsonb,
        closed_on date,
        closure_reason text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX kdn_case_child ON kdn_case (child_id)`);
    await q.query(`CREATE INDEX kdn_case_municipality_state ON kdn_case (municipality, state)`);
    await q.query(`
      CREATE TABLE case_event (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES kdn_case (id),
        action text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        actor_sub text NOT NULL,
        actor_username text NOT NULL,
        actor_agency text,
        at timestamptz NOT NULL DEFAULT now(),
        payload jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX case_event_case ON case_event (case_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_event, kdn_case; DROP SEQUENCE kdn_case_number`);
  }
}
