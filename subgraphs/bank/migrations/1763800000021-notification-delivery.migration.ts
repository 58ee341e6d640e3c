import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks belong to systems, not agency types: one notification may go to several systems (an
 * organisation's own and a regional one serving it), so delivery state moves from the
 * notification to one row per (notification, system). The notification's own delivery columns
 * stay as the legacy dispatcher left them: what it already sent is not sent again.
 */
export class NotificationDelivery1763800000021 implements MigrationInterface {
  name = 'NotificationDelivery1763800000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_delivery (
        notification_id uuid NOT NULL REFERENCES notification (id),
        system text NOT NULL,
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        last_error text,
        PRIMARY KEY (notification_id, system)
      )`);
    await q.query(`CREATE INDEX notification_delivery_due ON notification_delivery (next_attempt_at) WHERE delivered_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_delivery`);
  }
}
