import { DataSource } from 'typeorm';
import { appendDisclosure } from '../../../auth/audit/disclosure';
import { loadOrganisationRegistry, OrganisationRegistry } from '../../../auth/organisations/organisation-registry';
import { WebhookSystems } from '../../common/webhook-config';
import { backoffMs, signedPost } from './signed-post';
import { InboxService } from '../notifications/services/inbox.service';

export interface WebhookDispatcherOptions {
  /** System (OAuth client id of the organisation registry) -> its endpoint and shared secret. */
  endpoints: WebhookSystems;
  /** Whose allow-lists decide what each system receives; the process's registry by default. */
  registry?: OrganisationRegistry;
  /** The access log's pseudonym key: a notification naming a child is logged before it is sent. */
  pseudonymKey: string;
  pollMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  maxAttempts?: number;
  onError?: (error: unknown) => void;
}

/** One system's webhook and what it serves now: its organisations, and for rows written before organisations their (type, territory) pairs. */
interface Target {
  system: string;
  url: string;
  secret: string;
  organisations: string[];
  legacy: Set<string>;
}

interface Claimed {
  system: string;
  attempts: number;
  id: string;
  recipient_agency: string;
  recipient_organisation: string | null;
  municipality: string;
  kind: string;
  case_id: string | null;
  child_id: string | null;
  message: string;
  created_at: Date;
  seq: string;
  tx: string;
}

const SEND_TIMEOUT_MS = 10_000;
/** A claimed delivery is hidden from other replicas this long: well over one send, so only a crashed sender's claim runs out. */
const LEASE_MS = 6 * SEND_TIMEOUT_MS;
/** Notifications older than this are never queued for a system: the scan stays bounded, and `notifications` is the way to catch up. */
const QUEUE_WINDOW_DAYS = 30;
const BATCH = 100;
const SEPARATOR = '\u0000';

const pair = (agency: string, municipality: string) => `${agency}${SEPARATOR}${municipality}`;

/** Addressed to one of the system's organisations; written before organisations: to their type in their territories. */
function serves(target: Target, note: Pick<Claimed, 'recipient_organisation' | 'recipient_agency' | 'municipality'>): boolean {
  return note.recipient_organisation !== null ? target.organisations.includes(note.recipient_organisation) : target.legacy.has(pair(note.recipient_agency, note.municipality));
}

/**
 * Notifications pushed to the systems that serve their recipient: a system's webhook gets exactly
 * the notifications addressed to an organisation on its registry allow-list (rows written before
 * organisations: to its organisations' type in their territories), never those of another
 * organisation of the same type. An organisation served by two systems (its own and a regional
 * one) has each notified once: delivery is tracked per (notification, system), POSTed (signed),
 * marked delivered on 2xx and retried with back-off otherwise.
 *
 * Agency systems are server-side and behind their own firewalls: an outgoing webhook needs nothing
 * more from them than one HTTPS endpoint, where a GraphQL subscription would need a long-lived
 * WebSocket through the gateway (which @apollo/gateway does not proxy). The `notifications` query
 * stays the way to catch up; the delivery id is the notification id.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private busy: Promise<void> | null = null;
  private readonly systems: string[];
  delivered = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: WebhookDispatcherOptions,
  ) {
    this.systems = Object.keys(options.endpoints);
  }

  /**
   * Read from the registry at every poll, not once: an allow-list the administrator changes takes
   * effect without a restart. Organisations that no longer act (retired) are served by no one.
   */
  private targets(): Target[] {
    const registry = this.options.registry ?? loadOrganisationRegistry();
    return this.systems.map((system) => {
      const organisations = registry.systemOrganisations(system).flatMap((id) => registry.get(id) ?? []);
      return {
        system,
        url: this.options.endpoints[system]!.url,
        secret: this.options.endpoints[system]!.secret,
        organisations: organisations.map((o) => o.id),
        legacy: new Set(organisations.flatMap((o) => o.territories.map((t) => pair(o.type, t)))),
      };
    });
  }

  start(): void {
    if (this.systems.length === 0) return;
    this.running = true;
    this.timer = setInterval(() => this.tick(), this.options.pollMs ?? 1000);
    this.timer.unref();
    this.tick();
  }

  private tick(): void {
    if (!this.running || this.busy) return;
    this.busy = this.dispatch()
      .catch((error) => this.options.onError?.(error))
      .finally(() => {
        this.busy = null;
      });
  }

  private async dispatch(): Promise<void> {
    const targets = this.targets();
    for (const target of targets) await this.queue(target);
    for (let sent = 0; sent < BATCH && this.running; sent++) {
      const claimed = await this.claim();
      if (!claimed) return;
      const target = targets.find((t) => t.system === claimed.system)!;
      if (serves(target, claimed)) await this.deliver(target, claimed);
      // Queued before the allow-list changed: the system no longer serves the recipient, so it is not told.
      else await this.dataSource.query(`DELETE FROM notification_delivery WHERE notification_id = $1 AND system = $2`, [claimed.id, claimed.system]);
    }
  }

  /**
   * One delivery row per notification the system serves and has not been queued for it yet.
   * Idempotent (the key is (notification, system)), so two replicas may both run it. A
   * notification the agency-wide dispatcher of before already sent (`notification.delivered_at`)
   * is not sent again.
   */
  private async queue(target: Target): Promise<void> {
    const legacy = [...target.legacy].map((p) => p.split(SEPARATOR));
    await this.dataSource.query(
      `INSERT INTO notification_delivery (notification_id, system)
       SELECT n.id, $1 FROM notification n
       WHERE n.recipient_organisation = ANY($2::text[])
         AND n.created_at > now() - $5 * interval '1 day' AND n.delivered_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM notification_delivery d WHERE d.notification_id = n.id AND d.system = $1)
       UNION ALL
       SELECT n.id, $1 FROM notification n
       JOIN unnest($3::text[], $4::text[]) AS legacy (agency, municipality) ON n.recipient_agency = legacy.agency AND n.municipality = legacy.municipality
       WHERE n.recipient_organisation IS NULL
         AND n.created_at > now() - $5 * interval '1 day' AND n.delivered_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM notification_delivery d WHERE d.notification_id = n.id AND d.system = $1)
       ON CONFLICT DO NOTHING`,
      [target.system, target.organisations, legacy.map(([agency]) => agency), legacy.map(([, municipality]) => municipality), QUEUE_WINDOW_DAYS],
    );
  }

  /**
   * Takes the oldest due delivery and pushes its next attempt past the lease, in one statement:
   * SKIP LOCKED lets another replica take the next one instead of waiting, and once committed the
   * lease keeps the row from everyone else while it is being sent.
   */
  private async claim(): Promise<Claimed | null> {
    const [rows] = (await this.dataSource.query(
      `UPDATE notification_delivery d SET next_attempt_at = now() + $3 * interval '1 millisecond'
       FROM (
         SELECT d.notification_id, d.system FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
         WHERE d.delivered_at IS NULL AND d.next_attempt_at <= now() AND d.system = ANY($1::text[]) AND d.attempts < $2
         ORDER BY n.created_at LIMIT 1
         FOR UPDATE OF d SKIP LOCKED
       ) due, notification n
       WHERE d.notification_id = due.notification_id AND d.system = due.system AND n.id = d.notification_id
       RETURNING d.system, d.attempts, n.id, n.recipient_agency, n.recipient_organisation, n.municipality, n.kind, n.case_id, n.child_id, n.message, n.created_at, n.seq::text AS seq, n.tx::text AS tx`,
      [this.systems, this.options.maxAttempts ?? 1000, LEASE_MS],
    )) as [Claimed[], number];
    return rows[0] ?? null;
  }

  private async deliver(target: Target, note: Claimed): Promise<void> {
    const body = {
      id: note.id,
      organisationId: note.recipient_organisation,
      agency: note.recipient_agency,
      municipality: note.municipality,
      kind: note.kind,
      caseId: note.case_id,
      childId: note.child_id,
      message: note.message,
      createdAt: new Date(note.created_at).toISOString(),
      // The notification's place in the organisation's stream: after an outage, `inbox(after: cursor)` replays from here.
      cursor: InboxService.encode(note.tx, note.seq),
    };
    const key = [note.id, note.system];
    try {
      if (note.child_id) {
        await appendDisclosure((sql, params) => this.dataSource.query(sql, params), {
          service: 'bank',
          recipient: target.url,
          operation: 'NotificationWebhook',
          subjects: [{ kind: 'Child', id: note.child_id }],
          fields: ['childId'],
          categories: ['identity'],
          basis: 'law:120-FZ-art9',
          pseudonymKey: this.options.pseudonymKey,
        });
      }
      await signedPost(target.url, target.secret, body, note.id, SEND_TIMEOUT_MS);
      await this.dataSource.query(`UPDATE notification_delivery SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE notification_id = $1 AND system = $2`, key);
      this.delivered += 1;
    } catch (error) {
      const wait = backoffMs(note.attempts + 1, this.options.backoffBaseMs ?? 1000, this.options.backoffCapMs ?? 300_000);
      await this.dataSource.query(
        `UPDATE notification_delivery SET attempts = attempts + 1, next_attempt_at = now() + $3 * interval '1 millisecond', last_error = $4 WHERE notification_id = $1 AND system = $2`,
        [...key, wait, String(error instanceof Error ? error.message : error)],
      );
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    await this.busy;
  }
}
