import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1763800000001 implements MigrationInterface {
  name = 'Identity1763800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        snils text UNIQUE CHECK (snils ~ '^[0-9]{11}$'),
        last_name text NOT NULL,
        first_name text NOT NULL,
        middle_name text,
        name_key text NOT NULL,
        birth_date date NOT NULL,
        sex text NOT NULL CHECK (sex IN ('MALE', 'FEMALE')),
        registered_address text,
        actual_address text,
        municipality text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX person_name_birth ON person (name_key, birth_date)`);
    await q.query(`CREATE INDEX person_municipality ON person (municipality, id)`);
    await q.query(`
      CREATE TABLE family (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality text NOT NULL,
        categories text[] NOT NULL DEFAULT '{}',
        registered_address text,
        actual_address text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE family_member (
        family_id uuid NOT NULL REFERENCES family (id) ON DELETE CASCADE,
        person_id uuid NOT NULL REFERENCES person (id),
        role text NOT NULL CHECK (role IN ('MOTHER', 'FATHER', 'GUARDIAN', 'OTHER_ADULT', 'CHILD')),
        PRIMARY KEY (family_id, person_id)
      )`);
    await q.query(`CREATE INDEX family_member_person ON family_member (person_id)`);
    await q.query(`
      CREATE TABLE register_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL REFERENCES family (id),
        child_id uuid REFERENCES person (id),
        included_on date NOT NULL,
        basis text NOT NULL,
        removed_on date,
        removal_reason text
      )`);
    await q.query(`CREATE INDEX register_entry_child ON register_entry (child_id)`);
    await q.query(`CREATE INDEX register_entry_family ON register_entry (family_id)`);
    await q.query(`
      CREATE TABLE idempotent_request (
        client_id text NOT NULL,
        idempotency_key text NOT NULL,
        request_hash text NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (client_id, idempotency_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotent_request, register_entry, family_member, family, person`);
  }
}
