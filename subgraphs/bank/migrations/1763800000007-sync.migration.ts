import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The data bank kept in sync with the agencies:
 * - `inbox`: every event applied, once (its id is the key), with the outcome and the lag;
 * - `agency_record`: the agencies' records as the bank knows them (latest state per record,
 *   guarded by the source position so an older event never overwrites a newer one);
 * - `signal_match`: pairs of agencies that reported the same child within 12 months (notified once);
 * - the register only by resolution: an entry needs a KDN resolution recognising the SOP, and its
 *   removal the closure of that case; nothing else may change or delete it (triggers, so that
 *   no code path and no direct statement of the bank's own role can go around it).
 */
export class Sync1763800000007 implements MigrationInterface {
  name = 'Sync1763800000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inbox (
        event_id uuid PRIMARY KEY,
        source text NOT NULL,
        position bigint NOT NULL,
        type text NOT NULL,
        aggregate_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        outcome text NOT NULL CHECK (outcome IN ('APPLIED', 'SUPERSEDED', 'REJECTED')),
        error text
      )`);
    await q.query(`CREATE INDEX inbox_applied_at ON inbox (applied_at DESC)`);
    await q.query(`
      CREATE TABLE agency_record (
        source text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id uuid NOT NULL,
        child_id uuid,
        family_id uuid,
        event_type text NOT NULL,
        state jsonb NOT NULL,
        position bigint NOT NULL,
        apply_count int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (source, aggregate_id)
      )`);
    await q.query(`CREATE INDEX agency_record_child ON agency_record (child_id, aggregate_type)`);
    await q.query(`CREATE INDEX agency_record_family ON agency_record (family_id, aggregate_type) WHERE family_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE signal_match (
        subject_id uuid NOT NULL,
        first_agency text NOT NULL,
        second_agency text NOT NULL,
        matched_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subject_id, first_agency, second_agency)
      )`);
    await q.query(
      `ALTER TABLE notification ADD COLUMN child_id uuid, ADD COLUMN delivered_at timestamptz, ADD COLUMN attempts int NOT NULL DEFAULT 0, ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(), ADD COLUMN last_error text`,
    );
    await q.query(`CREATE INDEX notification_undelivered ON notification (next_attempt_at) WHERE delivered_at IS NULL`);
    await q.query(`
      CREATE TABLE regional_push_state (
        endpoint text PRIMARY KEY,
        cursor text NOT NULL DEFAULT '',
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE register_entry ADD COLUMN case_id uuid REFERENCES kdn_case (id), ADD COLUMN detecting_agency text, ADD COLUMN removal_basis text`);
    // Bumped under the family's row lock each time its card is published: the regional bank keeps
    // the card with the highest version, whatever order two transactions' events arrive in.
    await q.query(`ALTER TABLE family ADD COLUMN card_version bigint NOT NULL DEFAULT 0`);
    await q.query(`CREATE UNIQUE INDEX register_entry_open_case ON register_entry (case_id) WHERE removed_on IS NULL`);
    await q.query(`
      CREATE FUNCTION register_entry_by_resolution() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'Запись банка данных не удаляется: снятие только постановлением КДН' USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP = 'INSERT' THEN
          IF NEW.case_id IS NULL OR NOT EXISTS (
            SELECT 1 FROM kdn_case WHERE id = NEW.case_id AND resolution->>'kind' = 'SOP' AND state <> 'CLOSED'
          ) THEN
            RAISE EXCEPTION 'Постановка в банк данных только по постановлению КДН о признании СОП (дело %)', coalesce(NEW.case_id::text, 'не указано') USING ERRCODE = 'check_violation';
          END IF;
          IF NEW.removed_on IS NOT NULL THEN
            RAISE EXCEPTION 'Новая запись банка данных не может быть снятой' USING ERRCODE = 'check_violation';
          END IF;
          RETURN NEW;
        END IF;
        IF NEW.family_id IS DISTINCT FROM OLD.family_id OR NEW.child_id IS DISTINCT FROM OLD.child_id OR NEW.case_id IS DISTINCT FROM OLD.case_id
           OR NEW.included_on IS DISTINCT FROM OLD.included_on OR NEW.basis IS DISTINCT FROM OLD.basis OR OLD.removed_on IS NOT NULL THEN
          RAISE EXCEPTION 'Запись банка данных не изменяется; допускается только снятие постановлением КДН' USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.removed_on IS NOT NULL AND (NEW.removal_basis IS NULL OR NOT EXISTS (SELECT 1 FROM kdn_case WHERE id = NEW.case_id AND state = 'CLOSED')) THEN
          RAISE EXCEPTION 'Снятие с учёта банка данных только постановлением КДН о закрытии случая' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER register_entry_by_resolution BEFORE INSERT OR UPDATE OR DELETE ON register_entry FOR EACH ROW EXECUTE FUNCTION register_entry_by_resolution()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER register_entry_by_resolution ON register_entry; DROP FUNCTION register_entry_by_resolution()`);
    await q.query(`ALTER TABLE family DROP COLUMN card_version`);
    await q.query(`ALTER TABLE register_entry DROP COLUMN case_id, DROP COLUMN detecting_agency, DROP COLUMN removal_basis`);
    await q.query(`ALTER TABLE notification DROP COLUMN child_id, DROP COLUMN delivered_at, DROP COLUMN attempts, DROP COLUMN next_attempt_at, DROP COLUMN last_error`);
    await q.query(`DROP TABLE regional_push_state, signal_match, agency_record, inbox`);
  }
}
