import { MigrationInterface, QueryRunner } from 'typeorm';

/** Roles allowed to append (each subgraph's own role); they get EXECUTE on append() and nothing else. */
export const AUDIT_WRITER_ROLES = ['hub_bank', 'hub_education', 'hub_health', 'hub_police', 'hub_social', 'hub_guardianship'];

/**
 * The access log: one serial hash chain for the whole hub. Writers cannot touch the table; they
 * call append(), which takes one lock, chains each entry to the previous one
 * (sha256(prev_hash | position | canonical JSON)) and inserts. Updates, deletes and truncation are
 * refused by triggers and not granted; even the owner's own rights to change rows are revoked.
 */
export class AuditLog1763800000900 implements MigrationInterface {
  name = 'AuditLog1763800000900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE entry (
        position bigint PRIMARY KEY,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        canonical text NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        body jsonb GENERATED ALWAYS AS (canonical::jsonb) STORED
      )`);
    await q.query(`CREATE INDEX entry_body ON entry USING gin (body jsonb_path_ops)`);
    await q.query(`CREATE INDEX entry_recorded_at ON entry (recorded_at)`);
    await q.query(`
      CREATE TABLE checkpoint (
        position bigint PRIMARY KEY,
        hash text NOT NULL,
        signed_at timestamptz NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit log is append-only: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['entry', 'checkpoint']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`);
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM CURRENT_USER`);
    }
    await q.query(`
      CREATE FUNCTION append(entries text[]) RETURNS bigint[]
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = audit, pg_temp AS $$
      DECLARE
        last_position bigint;
        last_hash text;
        item text;
        next_hash text;
        positions bigint[] := '{}';
      BEGIN
        -- One serial order for every writer in every process: the chain has no forks.
        PERFORM pg_advisory_xact_lock(hashtext('audit.entry'));
        SELECT e.position, e.hash INTO last_position, last_hash FROM entry e ORDER BY e.position DESC LIMIT 1;
        IF last_position IS NULL THEN
          last_position := 0;
          last_hash := repeat('0', 64);
        END IF;
        FOREACH item IN ARRAY entries LOOP
          PERFORM item::jsonb;
          last_position := last_position + 1;
          next_hash := encode(sha256(convert_to(last_hash || '|' || last_position || '|' || item, 'UTF8')), 'hex');
          INSERT INTO entry (position, canonical, prev_hash, hash) VALUES (last_position, item, last_hash, next_hash);
          last_hash := next_hash;
          positions := positions || last_position;
        END LOOP;
        RETURN positions;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION append(text[]) FROM PUBLIC`);
    for (const role of AUDIT_WRITER_ROLES) {
      await q.query(`GRANT USAGE ON SCHEMA audit TO ${role}`);
      await q.query(`GRANT EXECUTE ON FUNCTION append(text[]) TO ${role}`);
    }
  }

  async down(): Promise<void> {
    throw new Error('The audit log is never rolled back');
  }
}

/** Auditors' reviews of emergency accesses: appended, never changed, like the log itself. */
export class AuditReview1763800000901 implements MigrationInterface {
  name = 'AuditReview1763800000901';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE emergency_review (
        emergency_id text PRIMARY KEY,
        reviewed_by text NOT NULL,
        reviewed_at timestamptz NOT NULL DEFAULT now(),
        note text NOT NULL CHECK (char_length(note) BETWEEN 1 AND 4000)
      )`);
    await q.query(`CREATE TRIGGER emergency_review_append_only BEFORE UPDATE OR DELETE ON emergency_review FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON emergency_review FROM CURRENT_USER`);
  }

  async down(): Promise<void> {
    throw new Error('The audit log is never rolled back');
  }
}

/**
 * The access log's cost per entry. The whole-body GIN index hashed every path of every entry (a
 * case view's entry returns up to 300 field paths) on each append, for two searches: by subject
 * (a parent's subject access report) and for unreviewed emergency accesses. Each now has its own
 * index, and append() parses an entry once (the generated column) and inserts a batch in one
 * statement. Built CONCURRENTLY outside a transaction: the log keeps taking entries, and with
 * them every read of the hub, while a large table is indexed.
 */
export class AuditLogIndexes1763800000902 implements MigrationInterface {
  name = 'AuditLogIndexes1763800000902';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    // A concurrent build that was interrupted leaves an invalid index behind, which IF NOT EXISTS would keep.
    const invalid: Array<{ name: string }> = await q.query(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relname IN ('entry_subjects', 'entry_emergency') AND NOT i.indisvalid`,
    );
    for (const { name } of invalid) await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
    await q.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS entry_subjects ON entry USING gin ((body->'subjects') jsonb_path_ops)`);
    await q.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS entry_emergency ON entry (position) WHERE body @> '{"emergency": true}'::jsonb`);
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS entry_body`);
    await q.query(`
      CREATE OR REPLACE FUNCTION append(entries text[]) RETURNS bigint[]
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = audit, pg_temp AS $$
      DECLARE
        last_position bigint;
        last_hash text;
        item text;
        positions bigint[] := '{}';
        prev_hashes text[] := '{}';
        hashes text[] := '{}';
      BEGIN
        -- One serial order for every writer in every process: the chain has no forks.
        PERFORM pg_advisory_xact_lock(hashtext('audit.entry'));
        SELECT e.position, e.hash INTO last_position, last_hash FROM entry e ORDER BY e.position DESC LIMIT 1;
        IF last_position IS NULL THEN
          last_position := 0;
          last_hash := repeat('0', 64);
        END IF;
        FOREACH item IN ARRAY entries LOOP
          last_position := last_position + 1;
          positions := positions || last_position;
          prev_hashes := prev_hashes || last_hash;
          last_hash := encode(sha256(convert_to(last_hash || '|' || last_position || '|' || item, 'UTF8')), 'hex');
          hashes := hashes || last_hash;
        END LOOP;
        -- The generated column parses each entry: one that is not JSON refuses the whole batch.
        INSERT INTO entry (position, canonical, prev_hash, hash) SELECT * FROM unnest(positions, entries, prev_hashes, hashes);
        RETURN positions;
      END $$`);
  }

  async down(): Promise<void> {
    throw new Error('The audit log is never rolled back');
  }
}
