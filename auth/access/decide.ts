import { GraphQLError } from 'graphql';
import { AuditCollector, AuditSubject } from '../audit/audit-entry';
import { loadOrganisationRegistry } from '../organisations/organisation-registry';
import { AgencyCode, Principal, servesTerritory } from '../principal';
import { consentBasis, ConsentFact } from './consent';
import { categoryOfOperation, DataCategory } from './data-categories';
import { Condition, conditionsFor, EMERGENCY_ROLES, Operation, OPERATION_CAPTIONS } from './permission-table';
import { isPurpose, Purpose, purposeAllowed } from './purposes';

/** What the decision needs to know about the child or family concerned. */
export interface AccessSubject {
  /** OKTMO of the municipality the child or family belongs to. */
  municipality: string;
  /** Organisations (ОГРН) taking part in an open case about the subject (relationship to the case). */
  participants: readonly string[];
  /** Consents recorded for the subject (the bank's registry). */
  consents?: readonly ConsentFact[];
  /** The caller's own open emergency access to the subject, if any. */
  emergency?: { id: string; until: string } | null;
}

export interface AccessTarget {
  /** Whose records are read or written (agency sections and writes). */
  agency?: AgencyCode;
  subject?: AccessSubject;
  /** The purpose the request states (X-Hub-Purpose); checked against the caller's roles. */
  purpose?: string | null;
  /** The data category concerned when it is not the operation's own (per-field redaction). */
  category?: DataCategory;
}

export type Decision = { allowed: true; operation: Operation; role: string; condition: Condition | 'emergency'; basis: string } | { allowed: false; operation: Operation; reason: string };

function holds(condition: Condition, principal: Principal, target: AccessTarget): boolean {
  switch (condition) {
    case 'any':
      return true;
    case 'own-agency':
      // An agency's own kind of records: written anywhere, read only about children of its territories.
      return target.agency !== undefined && principal.agency === target.agency && (target.subject === undefined || servesTerritory(principal, target.subject.municipality));
    case 'territory':
      return target.subject !== undefined && principal.organisation !== null && servesTerritory(principal, target.subject.municipality);
    case 'participant':
      return target.subject !== undefined && principal.organisation !== null && target.subject.participants.includes(principal.organisation.id);
    case 'data-bank-operator': {
      // The region's regulation names who keeps the data bank: guardianship in one, the KDN in another.
      if (target.subject === undefined || principal.organisation === null || !servesTerritory(principal, target.subject.municipality)) return false;
      return loadOrganisationRegistry().regionOf(target.subject.municipality)?.dataBankOperator === principal.organisation.type;
    }
  }
}

/**
 * The one decision every subgraph asks: may this caller perform this operation on this
 * target? Role x condition (agency, territory, relationship to the case). The consent issue adds
 * purpose, legal basis and per-field redaction to this same function.
 */
export function decide(principal: Principal, operation: Operation, target: AccessTarget = {}): Decision {
  const purpose = target.purpose;
  if (!purpose) return { allowed: false, operation, reason: 'purpose_missing' };
  if (!isPurpose(purpose) || !purposeAllowed(principal.roles, purpose)) return { allowed: false, operation, reason: 'purpose_not_allowed' };
  const category = target.category ?? categoryOfOperation(operation, target.agency);

  // Threat to life: an authorised person opens the record anyway, on the justification recorded with
  // the bank, and only for a request that says so: the emergency does not widen everyday work.
  const emergency = target.subject?.emergency;
  if (emergency && purpose === 'EMERGENCY' && operation.endsWith(':read') && principal.roles.some((role) => EMERGENCY_ROLES.has(role))) {
    return { allowed: true, operation, role: principal.roles.find((role) => EMERGENCY_ROLES.has(role))!, condition: 'emergency', basis: `emergency:${emergency.id}` };
  }

  const granted = new Set<Condition>();
  let consentRefusal: string | null = null;
  for (const role of principal.roles) {
    for (const condition of conditionsFor(role, operation)) {
      granted.add(condition);
      if (!holds(condition, principal, target)) continue;
      if (condition === 'participant') {
        // Another agency's data on the strength of the case: only where consent or the law covers it.
        const outcome = consentBasis(target.subject?.consents ?? [], principal.organisation!, category, purpose as Purpose);
        if ('reason' in outcome) {
          consentRefusal = outcome.reason;
          continue;
        }
        return { allowed: true, operation, role, condition, basis: outcome.basis };
      }
      return { allowed: true, operation, role, condition, basis: basisOf(condition, principal) };
    }
  }
  return { allowed: false, operation, reason: consentRefusal ?? refusal(granted) };
}

function basisOf(condition: Condition, principal: Principal): string {
  if (condition === 'own-agency') return 'own-records';
  if (condition === 'territory' && principal.agency === 'kdn') return 'law:120-FZ-art11';
  return 'law:120-FZ-art9';
}

/** The most telling reason among the conditions that were granted but did not hold. */
function refusal(granted: ReadonlySet<Condition>): string {
  if (granted.size === 0) return 'role';
  if (granted.has('participant')) return 'no-relationship';
  if (granted.has('territory') || granted.has('data-bank-operator')) return 'territory';
  return 'not-own-agency';
}

const REASON_CAPTIONS: Record<string, string> = {
  role: 'роль не даёт такого права',
  territory: 'ребёнок или семья вне территорий, которые обслуживает ваша организация',
  'no-relationship': 'ребёнок или семья вне территорий вашей организации, и ваша организация не участвует в открытом случае по ним',
  'not-own-agency': 'записи другого ведомства или ребёнок вне территорий вашей организации',
  purpose_missing: 'не указана цель обработки (заголовок X-Hub-Purpose)',
  purpose_not_allowed: 'цель обработки не допустима для вашей роли',
  no_consent: 'нет согласия законного представителя и нет правового основания',
  consent_withdrawn: 'согласие отозвано',
  consent_expired: 'срок согласия истёк',
  consent_denied: 'законный представитель запретил такую передачу',
  purpose_not_covered: 'согласие не распространяется на эту цель',
  category_not_covered: 'согласие не распространяется на эту категорию данных',
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
export function requireAudited(
  ctx: { principal: Principal; audit: AuditCollector; meta: { purpose: string | null } },
  operation: Operation,
  target: AccessTarget = {},
  subject?: AuditSubject,
): Decision & { allowed: true } {
  if (subject) ctx.audit.subject(subject.kind, subject.id);
  const decision = decide(ctx.principal, operation, { purpose: ctx.meta.purpose, ...target });
  if (!decision.allowed) {
    ctx.audit.denied(`${operation}:${decision.reason}`);
    throw forbidden(decision, target.agency);
  }
  ctx.audit.basis(decision.basis);
  if (decision.condition === 'emergency') ctx.audit.emergency();
  return decision;
}
