import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The journal's message (сообщение): one received report, with its number, date, source and
 * reporting organisation, that may name several children; each child it names has a case. Yugra
 * counts 4,628 messages about 7,132 minors (seed 000): messages and children are counted apart.
 * Cases registered before messages existed get one message each, so the report keeps counting them.
 */
export class JournalMessages1763800000046 implements MigrationInterface {
  name = 'JournalMessages1763800000046';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE journal_message_number`);
    await q.query(`
      CREATE TABLE journal_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE,
        municipality text NOT NULL,
        received_on date NOT NULL,
        source_kind text NOT NULL,
        urgency text NOT NULL,
        reporting_organisation text,
        reporter text,
        summary text NOT NULL,
        signals jsonb NOT NULL DEFAULT '[]',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX journal_message_period ON journal_message (municipality, received_on)`);
    await q.query(`
      CREATE TABLE journal_message_child (
        message_id uuid NOT NULL REFERENCES journal_message (id),
        child_id uuid NOT NULL,
        case_id uuid NOT NULL REFERENCES kdn_case (id),
        -- Whether the message opened the case or was added to a case already open about the child.
        opened_case boolean NOT NULL,
        PRIMARY KEY (message_id, child_id)
      )`);
    await q.query(`CREATE INDEX journal_message_child_case ON journal_message_child (case_id)`);
    await q.query(`ALTER TABLE kdn_case ADD COLUMN message_id uuid REFERENCES journal_message (id)`);
    await q.query(`
      WITH made AS (
        INSERT INTO journal_message (number, municipality, received_on, source_kind, urgency, summary, signals, created_by, created_at)
        SELECT number, municipality, received_on, source_kind, urgency, summary, '[]', created_by, created_at FROM kdn_case
        RETURNING id, number)
      UPDATE kdn_case k SET message_id = made.id FROM made WHERE made.number = k.number`);
    await q.query(`INSERT INTO journal_message_child (message_id, child_id, case_id, opened_case) SELECT message_id, child_id, id, true FROM kdn_case WHERE message_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE kdn_case DROP COLUMN message_id`);
    await q.query(`DROP TABLE journal_message_child; DROP TABLE journal_message; DROP SEQUENCE journal_message_number`);
  }
}
