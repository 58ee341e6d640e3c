import { createHash, createHmac } from 'node:crypto';
import { Principal } from '../principal';
import { RequestMeta } from '../request-meta';
import { rememberedByText } from '../remembered-by-text';

/**
 * What one request did, collected while it runs and written once before its answer leaves:
 * who, in which role and for which purpose, which children and families (pseudonymised), which
 * fields and data categories were returned, on which basis, with which outcome. No token and no
 * personal data: subjects are HMACs of the hub's ids, fields are paths, not values.
 */
export type AuditOutcome = 'allowed' | 'denied' | 'partial' | 'failed';

export interface AuditSubject {
  kind: 'Child' | 'Family' | 'Person';
  id: string;
}

/** A search the request ran: what it looked for and by which criteria (names, never values), and how many it returned. */
export interface AuditSearch {
  target: 'Child' | 'Family';
  criteria: string[];
  results: number;
}

export interface AuditCollected {
  subjects: AuditSubject[];
  bases: string[];
  denials: string[];
  emergency: boolean;
  searches?: AuditSearch[];
}

export class AuditCollector {
  private readonly subjects = new Map<string, AuditSubject>();
  private readonly searches: AuditSearch[] = [];
  private readonly bases = new Set<string>();
  private readonly denials = new Set<string>();

  subject(kind: AuditSubject['kind'], id: string): void {
    this.subjects.set(`${kind}:${id}`, { kind, id });
  }

  basis(basis: string): void {
    this.bases.add(basis);
  }

  denied(permission: string): void {
    this.denials.add(permission);
  }

  /** Flags the entry for the auditors' review list: a record opened on the emergency basis. */
  emergency(): void {
    this.emergencyAccess = true;
  }

  private emergencyAccess = false;

  /** Records a search by the names of its criteria and its result count: the searched values never reach the log. */
  search(target: AuditSearch['target'], criteria: readonly string[], results: number): void {
    this.searches.push({ target, criteria: [...criteria].sort(), results });
  }

  snapshot(): AuditCollected {
    return {
      subjects: [...this.subjects.values()],
      bases: [...this.bases].sort(),
      denials: [...this.denials].sort(),
      emergency: this.emergencyAccess,
      ...(this.searches.length ? { searches: this.searches.map((s) => ({ ...s })) } : {}),
    };
  }
}

export interface AuditEntryInput {
  service: string;
  principal: Principal;
  meta: RequestMeta;
  operationName: string | null;
  document: string;
  collected: AuditCollected;
  fields: string[];
  categories: string[];
  errorCodes: string[];
  pseudonymKey: string;
  /**
   * 'write': the entry of one committed transaction, appended inside it (see write-audit-subscriber.ts),
   * with the tables it changed. Entries without a kind are the one per request written as its answer leaves.
   */
  kind?: 'write';
  written?: string[];
}

export function pseudonym(key: string, subject: AuditSubject): string {
  return `${subject.kind}:${createHmac('sha256', key).update(`${subject.kind}:${subject.id}`).digest('hex').slice(0, 32)}`;
}

export function outcomeOf(errorCodes: string[], fields: string[]): AuditOutcome {
  const refused = errorCodes.filter((c) => c === 'FORBIDDEN' || c === 'UNAUTHENTICATED').length;
  const failed = errorCodes.length - refused;
  if (refused && fields.length) return 'partial';
  if (refused) return 'denied';
  if (failed) return 'failed';
  return 'allowed';
}

/** The gateway's plans send the same few documents all day. */
const documentHash = rememberedByText((document) => createHash('sha256').update(document).digest('hex'));

export function buildAuditEntry(input: AuditEntryInput): Record<string, unknown> {
  const { principal, meta } = input;
  return {
    v: 1,
    at: new Date().toISOString(),
    service: input.service,
    requestId: meta.requestId,
    sub: principal.subject,
    username: principal.username,
    roles: [...principal.roles].sort(),
    agency: principal.agency,
    organisation: principal.organisation?.id ?? null,
    territories: principal.territories,
    clientId: principal.clientId,
    operationName: input.operationName,
    documentHash: documentHash(input.document),
    purpose: meta.purpose,
    caseNumber: meta.caseNumber,
    subjects: input.collected.subjects.map((s) => pseudonym(input.pseudonymKey, s)).sort(),
    fields: input.fields,
    categories: input.categories,
    basis: input.collected.bases,
    denied: input.collected.denials,
    emergency: input.collected.emergency,
    ...(input.collected.searches?.length ? { searches: input.collected.searches } : {}),
    errors: input.errorCodes,
    outcome: outcomeOf(input.errorCodes, input.fields),
    ...(input.kind ? { kind: input.kind, written: input.written ?? [] } : {}),
  };
}
