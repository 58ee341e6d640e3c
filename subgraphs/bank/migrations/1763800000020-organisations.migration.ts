import { MigrationInterface, QueryRunner } from 'typeorm';
import { loadOrganisationRegistry } from '../../../auth/organisations/organisation-registry';
import { ORGANISATION_TYPES, SUBGRAPH_AGENCIES } from '../../../auth/organisations/organisation';

/**
 * Case participation, consent grantees and notifications move from agency types to
 * organisations. Rows written before name only a type; they are given the organisation of that
 * type serving the child's territory, the one the workflow would name today.
 */
export class Organisations1763800000020 implements MigrationInterface {
  name = 'Organisations1763800000020';

  async up(q: QueryRunner): Promise<void> {
    const registry = loadOrganisationRegistry();
    const defaults = registry.data.regions.flatMap((r) => r.municipalities.flatMap((m) => SUBGRAPH_AGENCIES.map((type) => [type, m.oktmo, registry.defaultFor(type, m.oktmo)?.id ?? null] as const)));
    await q.query(`CREATE TEMPORARY TABLE organisation_default (type text, oktmo text, organisation_id text) ON COMMIT DROP`);
    for (const [type, oktmo, id] of defaults) await q.query(`INSERT INTO organisation_default VALUES ($1, $2, $3)`, [type, oktmo, id]);

    await q.query(`ALTER TABLE case_participation ADD COLUMN organisation_id text`);
    await q.query(`
      UPDATE case_participation cp SET organisation_id = COALESCE(
        (SELECT d.organisation_id FROM organisation_default d WHERE d.type = cp.agency AND d.oktmo = p.municipality),
        'unknown:' || cp.agency || ':' || p.municipality)
      FROM person p WHERE p.id = cp.child_id`);
    await q.query(`ALTER TABLE case_participation ALTER COLUMN organisation_id SET NOT NULL`);
    await q.query(`ALTER TABLE case_participation DROP CONSTRAINT IF EXISTS case_participation_agency_check`);
    await q.query(
      `ALTER TABLE case_participation ADD CONSTRAINT case_participation_agency_check CHECK (agency = ANY($types))`.replace('$types', `ARRAY[${ORGANISATION_TYPES.map((t) => `'${t}'`).join(',')}]`),
    );
    await q.query(`DROP INDEX case_participation_open`);
    await q.query(`CREATE UNIQUE INDEX case_participation_open ON case_participation (child_id, organisation_id) WHERE closed_on IS NULL`);
    await q.query(`CREATE INDEX case_participation_organisation_open ON case_participation (organisation_id, child_id) WHERE closed_on IS NULL`);

    // Consent was given to agency types region-wide; it now covers that type in the child's own territory only.
    await q.query(`ALTER TABLE consent DROP CONSTRAINT IF EXISTS consent_grantees_check`);
    await q.query(`
      UPDATE consent c SET grantees = ARRAY(SELECT 'type:' || g || ':' || p.municipality FROM unnest(c.grantees) g)
      FROM person p WHERE p.id = c.child_id AND NOT EXISTS (SELECT 1 FROM unnest(c.grantees) g WHERE g LIKE '%:%')`);
    await q.query(`ALTER TABLE consent ADD CONSTRAINT consent_grantees_check CHECK (cardinality(grantees) BETWEEN 1 AND 50)`);

    await q.query(`ALTER TABLE notification ADD COLUMN recipient_organisation text`);
    await q.query(`
      UPDATE notification n SET recipient_organisation = d.organisation_id
      FROM organisation_default d WHERE d.type = n.recipient_agency AND d.oktmo = n.municipality`);
    await q.query(`CREATE INDEX notification_organisation ON notification (recipient_organisation, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification DROP COLUMN recipient_organisation`);
    await q.query(`DROP INDEX case_participation_organisation_open`);
    await q.query(`DROP INDEX case_participation_open`);
    await q.query(`CREATE UNIQUE INDEX case_participation_open ON case_participation (child_id, agency) WHERE closed_on IS NULL`);
    await q.query(`ALTER TABLE case_participation DROP COLUMN organisation_id`);
  }
}
