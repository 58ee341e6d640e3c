import { MigrationInterface, QueryRunner } from 'typeorm';

/** The agency subgraphs' roles: they may call subject_state() and nothing else of the bank. */
export const SUBJECT_STATE_READERS = ['hub_education', 'hub_health', 'hub_police', 'hub_social', 'hub_guardianship'];

/** The tables whose rows decide another agency's access to a child: every change to them bumps the child. */
const ACCESS_FACTS = ['consent', 'case_participation', 'emergency_access'];

/**
 * The one narrow door from the agency subgraphs into the bank, like audit.append(): the agencies
 * must know whether a child or family exists (to refuse writes about unknown ones) and whether
 * the child's access facts changed after a grant was signed (so a grant cannot outlive a
 * withdrawn consent or a closed participation), without reading the bank's tables.
 *
 * `person.access_changed_at` is kept by triggers, so every writer (services, the case workflow,
 * an administrator's statement) bumps it in its own transaction. clock_timestamp(), not now():
 * the moment of the change rather than the start of its transaction, as close to the commit as
 * the database can tell. Its search_path is fixed: an administrator's session changing a row
 * fires it too.
 */
export class SubjectState1763800000009 implements MigrationInterface {
  name = 'SubjectState1763800000009';

  async up(q: QueryRunner): Promise<void> {
    // NULL: nothing has changed since the person was registered, so no grant about it is stale.
    await q.query(`ALTER TABLE person ADD COLUMN access_changed_at timestamptz`);
    await q.query(`
      CREATE FUNCTION access_facts_changed() RETURNS trigger LANGUAGE plpgsql SET search_path = bank, pg_temp AS $$
      DECLARE
        children uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          children := ARRAY[NEW.child_id];
        ELSIF TG_OP = 'DELETE' THEN
          children := ARRAY[OLD.child_id];
        ELSE
          children := ARRAY[NEW.child_id, OLD.child_id];
        END IF;
        UPDATE person SET access_changed_at = clock_timestamp() WHERE id = ANY (children);
        RETURN NULL;
      END $$`);
    for (const table of ACCESS_FACTS) {
      await q.query(`CREATE TRIGGER ${table}_access_changed AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION access_facts_changed()`);
    }
    // A family's facts are its children's (familySubject); members are fixed when it is registered.
    await q.query(`
      CREATE FUNCTION subject_state(ids uuid[])
      RETURNS TABLE (id uuid, kind text, municipality text, access_changed_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bank, pg_temp AS $$
        SELECT p.id, 'person', p.municipality, p.access_changed_at FROM person p WHERE p.id = ANY (ids)
        UNION ALL
        SELECT f.id, 'family', f.municipality,
               (SELECT max(c.access_changed_at) FROM family_member m JOIN person c ON c.id = m.person_id WHERE m.family_id = f.id AND m.role = 'CHILD')
        FROM family f WHERE f.id = ANY (ids)
      $$`);
    // USAGE on the schema lets the agencies resolve names in it; tables stay ungranted, and
    // functions are executable by PUBLIC unless revoked: revoke them, now and for later ones.
    await q.query(`REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA bank FROM PUBLIC`);
    await q.query(`ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC`);
    for (const role of SUBJECT_STATE_READERS) {
      await q.query(`GRANT USAGE ON SCHEMA bank TO ${role}`);
      await q.query(`GRANT EXECUTE ON FUNCTION subject_state(uuid[]) TO ${role}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const role of SUBJECT_STATE_READERS) await q.query(`REVOKE USAGE ON SCHEMA bank FROM ${role}`);
    await q.query(`ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO PUBLIC`);
    await q.query(`DROP FUNCTION subject_state(uuid[])`);
    for (const table of ACCESS_FACTS) await q.query(`DROP TRIGGER ${table}_access_changed ON ${table}`);
    await q.query(`DROP FUNCTION access_facts_changed()`);
    await q.query(`ALTER TABLE person DROP COLUMN access_changed_at`);
  }
}
