import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for finding a child or a family (subgraphs/bank/search/). Names are matched on the
 * normalised key the identity lookup already keeps (`person.name_key`: case, ё/е, hyphens,
 * spacing folded) with pg_trgm's word similarity, which forgives a typo and needs only part of
 * the name; addresses by their words, on a key folded the same way in SQL. pg_trgm is created by
 * the database bootstrap as the administrator (subgraphs/common/db/bootstrap.ts): this role may not.
 */
export class Search1763800000030 implements MigrationInterface {
  name = 'Search1763800000030';

  async up(q: QueryRunner): Promise<void> {
    const visible = await q.query(`SELECT 1 FROM pg_opclass WHERE opcname = 'gin_trgm_ops' AND pg_opclass_is_visible(oid)`);
    if (!visible.length) {
      throw new Error(
        'The bank needs the pg_trgm extension in its schema: run the database bootstrap as an administrator ' +
          '(npm start does; in production the db-init job, scripts/db-bootstrap.ts), or CREATE EXTENSION pg_trgm WITH SCHEMA bank',
      );
    }
    await q.query(`CREATE INDEX person_name_key_trgm ON person USING gin (name_key gin_trgm_ops)`);
    await q.query(`CREATE INDEX person_birth_date ON person (birth_date)`);
    // Both addresses in one folded key: a part of either finds the person. Only pg_catalog
    // functions, qualified, so the index expression means the same under any search_path.
    await q.query(`
      CREATE FUNCTION address_key(registered text, actual text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN pg_catalog.lower(pg_catalog.translate(coalesce(registered, '') || ' | ' || coalesce(actual, ''), 'Ёё', 'Ее'))`);
    await q.query(`CREATE INDEX person_address_trgm ON person USING gin (address_key(registered_address, actual_address) gin_trgm_ops)`);
    await q.query(`CREATE INDEX family_address_trgm ON family USING gin (address_key(registered_address, actual_address) gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX family_address_trgm, person_address_trgm, person_birth_date, person_name_key_trgm`);
    await q.query(`DROP FUNCTION address_key(text, text)`);
  }
}
