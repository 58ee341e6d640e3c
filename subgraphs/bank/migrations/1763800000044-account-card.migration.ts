import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the account card holds beyond identity (Mari El appendix 3, Myasnikovsky appendix 2): the
 * family's part (detection, SOP situation, housing, income, support, the operator's own rows of
 * registrations and attachments) and each member's (birthplace, identity document, work or study,
 * phones). Kept beside family and person rather than in them: identity is matched and shared by
 * every agency, the card is the data bank's. Codes are checked here so a bad row cannot be stored
 * by any path.
 */
export class AccountCard1763800000044 implements MigrationInterface {
  name = 'AccountCard1763800000044';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE family_card (
        family_id uuid PRIMARY KEY REFERENCES family (id) ON DELETE CASCADE,
        detected_on date,
        detected_by text,
        sop_signs text,
        sop_situations text[] NOT NULL DEFAULT '{}',
        parent_profiles text[] NOT NULL DEFAULT '{}',
        housing jsonb,
        income jsonb,
        income_per_member numeric(12, 2) CHECK (income_per_member >= 0),
        support_measures text,
        support_not_arranged boolean NOT NULL DEFAULT false,
        additional_info text,
        registrations jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(registrations) = 'array'),
        attachments jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(attachments) = 'array'),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE person_card (
        person_id uuid PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
        birth_place text,
        document_kind text CHECK (document_kind IN ('PASSPORT', 'BIRTH_CERTIFICATE')),
        document_series text,
        document_number text,
        document_issued_on date,
        document_issued_by text,
        occupation text,
        phones text[] NOT NULL DEFAULT '{}',
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((document_kind IS NULL) = (document_number IS NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_card, family_card`);
  }
}
