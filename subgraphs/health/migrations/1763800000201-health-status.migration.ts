import { MigrationInterface, QueryRunner } from 'typeorm';

export class HealthStatus1763800000201 implements MigrationInterface {
  name = 'HealthStatus1763800000201';

  async up(q: QueryRunner): Promise<void> {
    // Enum values are spelled out rather than read from health.enums.ts: a migration must not change after it ran.
    await q.query(`
      CREATE TABLE health_status (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        child_id uuid NOT NULL,
        clinic_name text NOT NULL CHECK (clinic_name <> ''),
        clinic_district text,
        attached_since date,
        last_checkup_on date,
        health_group text CHECK (health_group IN ('I', 'II', 'III', 'IV', 'V')),
        disabled boolean NOT NULL,
        disabled_since date,
        disability_group text CHECK (disability_group IN ('CHILD', 'GROUP_I', 'GROUP_II', 'GROUP_III')),
        care_concerns text[] NOT NULL DEFAULT '{}' CHECK (care_concerns <@ ARRAY[
          'MISSED_VACCINATIONS', 'MISSED_CHECKUPS', 'UNTREATED_CONDITION', 'INJURIES', 'MALNUTRITION',
          'NEGLECT_OF_HYGIENE', 'SUBSTANCE_USE', 'PATRONAGE_REFUSED', 'OTHER'
        ]::text[]),
        care_concern_note text,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT health_status_child UNIQUE (child_id),
        CONSTRAINT health_status_checkup CHECK ((last_checkup_on IS NULL) = (health_group IS NULL)),
        CONSTRAINT health_status_disabled_since CHECK (disabled = (disabled_since IS NOT NULL)),
        CONSTRAINT health_status_disability_group CHECK (disabled OR disability_group IS NULL),
        CONSTRAINT health_status_other_note CHECK (NOT ('OTHER' = ANY (care_concerns)) OR care_concern_note IS NOT NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE health_status`);
  }
}
