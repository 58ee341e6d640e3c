import { MigrationInterface, QueryRunner } from 'typeorm';

/** Notifications to agencies and the KDN, written in the same transaction as the step that causes them. */
export class Notification1763800000005 implements MigrationInterface {
  name = 'Notification1763800000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_agency text NOT NULL,
        municipality text NOT NULL,
        kind text NOT NULL,
        case_id uuid REFERENCES kdn_case (id),
        message text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notification_recipient ON notification (recipient_agency, municipality, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
  }
}
