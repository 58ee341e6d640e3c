import { DataSource } from 'typeorm';
import { appendDisclosure } from '../../../auth/audit/disclosure';
import { backoffMs, signedPost } from './signed-post';

export interface WebhookDispatcherOptions {
  /** Agency code -> its system's endpoint and shared secret. */
  endpoints: Partial<Record<string, { url: string; secret: string }>>;
  /** The access log's pseudonym key: a notification naming a child is logged before it is sent. */
  pseudonymKey: string;
  pollMs?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  maxAttempts?: number;
  onError?: (error: unknown) => void;
}

interface Pending {
  id: string;
  recipient_agency: string;
  municipality: string;
  kind: string;
  case_id: string | null;
  child_id: string | null;
  message: string;
  created_at: Date;
  attempts: number;
}

/**
 * Notifications pushed to agency systems: each undelivered notification of an agency with a
 * configured endpoint is POSTed (signed), marked delivered on 2xx and retried with back-off
 * otherwise. Agency systems are server-side and behind their own firewalls: an outgoing webhook
 * needs nothing more from them than one HTTPS endpoint, where a GraphQL subscription would need a
 * long-lived WebSocket through the gateway (which @apollo/gateway does not proxy). The
 * `notifications` query stays the way to catch up; the delivery id is the notification id.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private busy: Promise<void> | null = null;
  delivered = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: WebhookDispatcherOptions,
  ) {}

  start(): void {
    if (Object.keys(this.options.endpoints).length === 0) return;
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
    const agencies = Object.keys(this.options.endpoints);
    const pending: Pending[] = await this.dataSource.query(
      `SELECT id, recipient_agency, municipality, kind, case_id, child_id, message, created_at, attempts FROM notification
       WHERE delivered_at IS NULL AND next_attempt_at <= now() AND recipient_agency = ANY($1) AND attempts < $2
       ORDER BY created_at LIMIT 100`,
      [agencies, this.options.maxAttempts ?? 1000],
    );
    for (const note of pending) {
      const endpoint = this.options.endpoints[note.recipient_agency]!;
      const body = { id: note.id, agency: note.recipient_agency, municipality: note.municipality, kind: note.kind, caseId: note.case_id, childId: note.child_id, message: note.message, createdAt: new Date(note.created_at).toISOString() };
      try {
        if (note.child_id) {
          await appendDisclosure((sql, params) => this.dataSource.query(sql, params), {
            service: 'bank',
            recipient: endpoint.url,
            operation: 'NotificationWebhook',
            subjects: [{ kind: 'Child', id: note.child_id }],
            fields: ['childId'],
            categories: ['identity'],
            basis: 'law:120-FZ-art9',
            pseudonymKey: this.options.pseudonymKey,
          });
        }
        await signedPost(endpoint.url, endpoint.secret, body, note.id);
        await this.dataSource.query(`UPDATE notification SET delivered_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [note.id]);
        this.delivered += 1;
      } catch (error) {
        const wait = backoffMs(note.attempts + 1, this.options.backoffBaseMs ?? 1000, this.options.backoffCapMs ?? 300_000);
        await this.dataSource.query(`UPDATE notification SET attempts = attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond', last_error = $3 WHERE id = $1`, [
          note.id,
          wait,
          String(error instanceof Error ? error.message : error),
        ]);
      }
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    await this.busy;
  }
}
