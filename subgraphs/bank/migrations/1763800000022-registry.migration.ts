import { MigrationInterface, QueryRunner } from 'typeorm';
import { readRegistryFile } from '../../../auth/organisations/organisation-registry';
import { SUBJECT_STATE_READERS } from './1763800000009-subject-state.migration';

/** Every other subgraph's role reads the registry through registry_document(): the agencies and the keeper of the access log. */
export const REGISTRY_READERS = [...SUBJECT_STATE_READERS, 'hub_audit'];

/**
 * The organisation registry's runtime copy, owned by the bank: one row per version of the whole
 * document, appended by the administrator's API (subgraphs/bank/registry) and never changed, so
 * the table is also the registry's history (who, when, what, under which request id). The first
 * version is the file (`HUB_ORGANISATIONS_FILE` or the demo file), which stays the bootstrap.
 *
 * Whole documents rather than normalised tables: the registry is small (tens of kilobytes), every
 * service needs all of it at once, and a change is validated whole by the same rules as the file.
 */
export class Registry1763800000022 implements MigrationInterface {
  name = 'Registry1763800000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE registry_version (
        version bigint PRIMARY KEY CHECK (version > 0),
        document jsonb NOT NULL,
        change text NOT NULL,
        changed_by text NOT NULL,
        request_id text,
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    const file = readRegistryFile();
    await q.query(`INSERT INTO registry_version (version, document, change, changed_by) VALUES (1, $1::jsonb, $2, 'bootstrap')`, [JSON.stringify(file.data), 'Начальная версия реестра из файла']);
    // A row only when the version moved: a refresh that finds nothing new transfers no document.
    await q.query(`
      CREATE FUNCTION registry_document(known bigint)
      RETURNS TABLE (version bigint, document jsonb)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bank, pg_temp AS $$
        SELECT r.version, r.document FROM registry_version r WHERE r.version > known ORDER BY r.version DESC LIMIT 1
      $$`);
    await q.query(`REVOKE EXECUTE ON FUNCTION registry_document(bigint) FROM PUBLIC`);
    for (const role of REGISTRY_READERS) {
      await q.query(`GRANT USAGE ON SCHEMA bank TO ${role}`);
      await q.query(`GRANT EXECUTE ON FUNCTION registry_document(bigint) TO ${role}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`REVOKE USAGE ON SCHEMA bank FROM hub_audit`);
    await q.query(`DROP FUNCTION registry_document(bigint)`);
    await q.query(`DROP TABLE registry_version`);
  }
}
