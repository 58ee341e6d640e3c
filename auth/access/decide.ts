import { GraphQLError } from 'graphql';
import { AuditCollector, AuditSubject } from '../audit/audit-entry';
import { AgencyCode, Principal } from '../principal';
import { Condition, conditionsFor, Operation, OPERATION_CAPTIONS } from './permission-table';

/** What the decision needs to know about the child or family concerned. */
export interface AccessSubject {
  /** OKTMO of the municipality the child or family belongs to. */
  municipality: string;
  /** Agencies taking part in an open case about the subject (relationship to the case). */
  participants: readonly AgencyCode[];
}

export interface AccessTarget {
  /** Whose records are read or written (agency sections and writes). */
  agency?: AgencyCode;
  subject?: AccessSubject;
}

export type Decision =
  | { allowed: true; operation: Operation; role: string; condition: Condition }
  | { allowed: false; operation: Operation; reason: string };

function holds(condition: Condition, principal: Principal, target: AccessTarget): boolean {
  switch (condition) {
    case 'any':
      return true;
    case 'own-agency':
      return target.agency !== undefined && principal.agency === target.agency;
    case 'territory':
      return target.subject !== undefined && (principal.municipality === null || principal.municipality === target.subject.municipality);
    case 'participant':
      return target.subject !== undefined && principal.agency !== null && target.subject.participants.includes(principal.agency);
  }
}

/**
 * The one decision every subgraph asks: may this caller perform this operation on this
 * target? Role x condition (agency, territory, relationship to the case). The consent issue adds
 * purpose, legal basis and per-field redaction to this same function.
 */
export function decide(principal: Principal, operation: Operation, target: AccessTarget = {}): Decision {
  const granted = new Set<Condition>();
  for (const role of principal.roles) {
    for (const condition of conditionsFor(role, operation)) {
      granted.add(condition);
      if (holds(condition, principal, target)) return { allowed: true, operation, role, condition };
    }
  }
  return { allowed: false, operation, reason: refusal(granted) };
}

/** The most telling reason among the conditions that were granted but did not hold. */
function refusal(granted: ReadonlySet<Condition>): string {
  if (granted.size === 0) return 'role';
  if (granted.has('participant')) return 'no-relationship';
  if (granted.has('territory')) return 'territory';
  return 'not-own-agency';
}

const REASON_CAPTIONS: Record<string, string> = {
  role: 'роль не даёт такого права',
  territory: 'ребёнок или семья из другого муниципального образования',
  'no-relationship': 'нет открытого случая с участием вашего ведомства',
  'not-own-agency': 'записи другого ведомства',
};

export function forbidden(decision: Extract<Decision, { allowed: false }>, agency?: AgencyCode): GraphQLError {
  const scope = agency ? ` (${agency})` : '';
  return new GraphQLError(`Недостаточно прав: ${decision.operation}${scope}, ${OPERATION_CAPTIONS[decision.operation]}: ${REASON_CAPTIONS[decision.reason] ?? decision.reason}`, {
    extensions: { code: 'FORBIDDEN', permission: decision.operation, agency: agency ?? null, reason: decision.reason },
  });
}

/** Throws FORBIDDEN naming the missing permission unless `decide` allows. */
export function requireAccess(principal: Principal, operation: Operation, target: AccessTarget = {}): void {
  const decision = decide(principal, operation, target);
  if (!decision.allowed) throw forbidden(decision, target.agency);
}

/**
 * The same decision, recorded for the audit entry of the request: the subject concerned, and
 * either the basis it was allowed on (role and condition) or the permission it was refused.
 */
export function requireAudited(ctx: { principal: Principal; audit: AuditCollector }, operation: Operation, target: AccessTarget = {}, subject?: AuditSubject): void {
  if (subject) ctx.audit.subject(subject.kind, subject.id);
  const decision = decide(ctx.principal, operation, target);
  if (!decision.allowed) {
    ctx.audit.denied(operation);
    throw forbidden(decision, target.agency);
  }
  ctx.audit.basis(`${decision.role}:${decision.condition}`);
}
