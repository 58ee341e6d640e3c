import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications become a durable ordered stream per organisation and per person.
 *
 * Order is (writing transaction `tx`, `seq`), as in the regional feed: a sequence hands out
 * numbers at insert, not at commit, so a reader paging by `seq` alone could pass over a row whose
 * transaction commits after a later one. The stream serves only rows of transactions older than
 * every transaction still running; whatever becomes visible later sorts after every cursor already
 * handed out, so a system catching up from its cursor gets every notification once, in order.
 *
 * A person is addressed by username (`recipient_username`): the KDN names the curator that way in
 * the resolution, and a person who has never signed in has no `sub` the bank could know. Such a
 * row names no organisation and no agency type, so no system's webhook and no organisation's
 * stream picks it up.
 *
 * Read marks: a watermark per reader (everything up to a cursor is read) and single reads by id.
 * A person's marks are the person's own; a system's are its organisation's, shared by every system
 * acting for that organisation.
 */
export class NotificationStream1763800000031 implements MigrationInterface {
  name = 'NotificationStream1763800000031';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE notification_seq`);
    await q.query(`ALTER TABLE notification ADD COLUMN seq bigint, ADD COLUMN tx xid8 NOT NULL DEFAULT pg_current_xact_id(), ADD COLUMN recipient_username text`);
    // Rows of before keep the order they were written in.
    await q.query(`UPDATE notification n SET seq = o.seq FROM (SELECT id, nextval('notification_seq') AS seq FROM (SELECT id FROM notification ORDER BY created_at, id) ordered) o WHERE o.id = n.id`);
    await q.query(`ALTER TABLE notification ALTER COLUMN seq SET DEFAULT nextval('notification_seq'), ALTER COLUMN seq SET NOT NULL`);
    await q.query(`ALTER SEQUENCE notification_seq OWNED BY notification.seq`);
    await q.query(`CREATE UNIQUE INDEX notification_seq_unique ON notification (seq)`);
    await q.query(`ALTER TABLE notification ALTER COLUMN recipient_agency DROP NOT NULL`);
    await q.query(`ALTER TABLE notification ADD CONSTRAINT notification_recipient CHECK (recipient_agency IS NOT NULL OR recipient_organisation IS NOT NULL OR recipient_username IS NOT NULL)`);
    await q.query(`CREATE INDEX notification_stream_organisation ON notification (recipient_organisation, tx, seq)`);
    await q.query(`CREATE INDEX notification_stream_person ON notification (recipient_username, tx, seq) WHERE recipient_username IS NOT NULL`);
    await q.query(`CREATE INDEX notification_stream_legacy ON notification (recipient_agency, municipality, tx, seq) WHERE recipient_organisation IS NULL`);
    await q.query(`
      CREATE TABLE notification_read_mark (
        reader text PRIMARY KEY,
        tx xid8 NOT NULL,
        seq bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE notification_read (
        reader text NOT NULL,
        notification_id uuid NOT NULL REFERENCES notification (id),
        read_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (reader, notification_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_read, notification_read_mark`);
    await q.query(`ALTER TABLE notification DROP CONSTRAINT notification_recipient`);
    await q.query(`DELETE FROM notification WHERE recipient_agency IS NULL`);
    await q.query(`ALTER TABLE notification ALTER COLUMN recipient_agency SET NOT NULL`);
    await q.query(`ALTER TABLE notification DROP COLUMN recipient_username, DROP COLUMN tx, DROP COLUMN seq`);
  }
}
