import { randomUUID } from 'node:crypto';
import { AuditSubject, buildAuditEntry } from './audit-entry';
import { canonicalJson } from './canonical-json';

export interface Disclosure {
  /** The service that sends (its role appends the entry). */
  service: string;
  /** Who receives: the regional bank's endpoint, an agency system's webhook. */
  recipient: string;
  /** What kind of sending: RegionalPush, NotificationWebhook. */
  operation: string;
  subjects: AuditSubject[];
  fields: string[];
  categories: string[];
  /** The legal basis of the sending. */
  basis: string;
  pseudonymKey: string;
}

/**
 * The access-log entry of personal data the hub sends on its own (no request behind it): the same
 * entry format as a request's, with the sending service as the actor and the receiver as the
 * client, written before the data leaves, as every read is.
 */
export function disclosureEntry(d: Disclosure): string {
  return canonicalJson(
    buildAuditEntry({
      service: d.service,
      principal: {
        subject: `system:${d.service}`,
        username: `system:${d.operation}`,
        roles: [],
        organisation: null,
        agency: null,
        territories: null,
        clientId: d.recipient,
        isServiceAccount: true,
        tokenId: null,
      },
      meta: { requestId: `${d.operation}-${randomUUID()}`, purpose: 'DATA_BANK', caseNumber: null },
      operationName: d.operation,
      document: d.operation,
      collected: { subjects: d.subjects, bases: [d.basis], denials: [], emergency: false },
      fields: d.fields,
      categories: d.categories,
      errorCodes: [],
      pseudonymKey: d.pseudonymKey,
    }),
  );
}

/** Appends through the sender's own role; a failure stops the sending (fail closed). */
export async function appendDisclosure(query: (sql: string, params: unknown[]) => Promise<unknown>, d: Disclosure): Promise<void> {
  await query('SELECT audit.append($1::text[])', [[disclosureEntry(d)]]);
}
