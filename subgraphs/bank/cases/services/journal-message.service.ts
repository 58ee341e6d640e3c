import { DataSource, EntityManager } from 'typeorm';
import { Principal } from '../../../../auth/principal';
import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';
import { KdnCaseEntity } from '../entities/kdn-case.entity';
import { PersonEntity } from '../../identity/entities/person.entity';
import { recordCaseEvent } from './case-history';
import type { KdnCaseService } from './kdn-case.service';

type SignalRef = { agency: string; signalId: string };

export interface MessageChild {
  childId: string;
  indicatorCodes: string[];
  signals: SignalRef[];
}

export interface RegisterMessage {
  urgency: string;
  receivedOn: string;
  sourceKind: string;
  summary: string;
  /** «От кого поступил сигнал» (Primorsky appendix 1): a person or an office, as the secretary writes it. */
  reporter?: string | null;
  /** The reporting organisation (ОГРН) when it is in the registry; otherwise the first signal's organisation. */
  reportingOrganisationId?: string | null;
  children: MessageChild[];
}

export interface StoredMessage {
  id: string;
  number: string;
  municipality: string;
  receivedOn: string;
  sourceKind: string;
  reportingOrganisation: string | null;
  children: Array<{ childId: string; caseId: string; caseNumber: string; openedCase: boolean }>;
}

/** A message about several children is one journal line; more than this is a list to split, not a message. */
export const MAX_CHILDREN_PER_MESSAGE = 30;

const OPEN_STATES = `('CLOSED', 'ANNULLED', 'MERGED')`;

async function insertMessage(
  em: EntityManager,
  principal: Principal,
  m: { municipality: string; receivedOn: string; sourceKind: string; urgency: string; summary: string; reporter: string | null; reportingOrganisation: string | null; signals: SignalRef[] },
): Promise<{ id: string; number: string }> {
  // The number is drawn in the INSERT itself: one statement, as `<municipality>-<year>-С<000001>`.
  const [row] = await em.query(
    `INSERT INTO journal_message (number, municipality, received_on, source_kind, urgency, summary, reporter, reporting_organisation, signals, created_by)
     VALUES ($1 || '-' || $10 || '-С' || lpad(nextval('journal_message_number')::text, 6, '0'), $1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, number`,
    [m.municipality, m.receivedOn, m.sourceKind, m.urgency, m.summary, m.reporter, m.reportingOrganisation, JSON.stringify(m.signals), principal.subject, m.receivedOn.slice(0, 4)],
  );
  return { id: row.id, number: row.number };
}

async function attachChild(em: EntityManager, messageId: string, childId: string, caseId: string, openedCase: boolean): Promise<void> {
  // One statement: the line of the message, and (for a case the message opened) the case's message.
  await em.query(
    `WITH line AS (INSERT INTO journal_message_child (message_id, child_id, case_id, opened_case) VALUES ($1, $2, $3, $4))
     UPDATE kdn_case SET message_id = $1 WHERE id = $3 AND $4`,
    [messageId, childId, caseId, openedCase],
  );
}

/** The organisation of the first signal that reached the bank, as the agency's system reported it. */
async function signalOrganisation(em: EntityManager, signals: SignalRef[]): Promise<string | null> {
  for (const s of signals) {
    const [row] = await em.query(`SELECT state->>'organisationId' AS organisation FROM agency_record WHERE source = $1 AND aggregate_id = $2 AND aggregate_type = 'Signal'`, [s.agency, s.signalId]);
    if (row?.organisation) return row.organisation;
  }
  return null;
}

/** registerSignalInJournal: the case it opens is the only child of its own message. */
export async function recordSingleChildMessage(em: EntityManager, principal: Principal, kase: KdnCaseEntity, signals: SignalRef[]): Promise<void> {
  const message = await insertMessage(em, principal, {
    municipality: kase.municipality,
    receivedOn: kase.receivedOn,
    sourceKind: kase.sourceKind,
    urgency: kase.urgency,
    summary: kase.summary,
    reporter: null,
    reportingOrganisation: kase.detectingOrganisation ?? null,
    signals,
  });
  await attachChild(em, message.id, kase.childId, kase.id, true);
}

/**
 * One journal message naming one or more children. Each child gets a case, unless a case about
 * the child is still open in the territory: then the message joins that case (Yugra: later
 * information about a child already in work goes to the commission to adjust that work) and
 * still counts as a message of its source. Every child is checked before anything is stored,
 * and the whole message is one transaction: any error stores nothing.
 */
export class JournalMessageService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: KdnCaseService,
  ) {}

  async register(principal: Principal, children: PersonEntity[], input: RegisterMessage): Promise<StoredMessage> {
    if (input.children.length === 0) throw inputError('input.children', '[]', 'message.children', 'сообщение должно называть хотя бы одного ребёнка');
    if (input.children.length > MAX_CHILDREN_PER_MESSAGE) {
      throw inputError('input.children', input.children.length, 'message.childrenMax', `в одном сообщении не более ${MAX_CHILDREN_PER_MESSAGE} детей: разделите список`);
    }
    const seen = new Set<string>();
    input.children.forEach((c, i) => {
      if (seen.has(c.childId)) throw inputError(`input.children[${i}].childId`, c.childId, 'message.childOnce', 'ребёнок уже назван в этом сообщении');
      seen.add(c.childId);
    });
    const municipality = children[0].municipality;
    children.forEach((child, i) => {
      if (child.municipality !== municipality) {
        throw inputError(
          `input.children[${i}].childId`,
          child.id,
          'message.sameMunicipality',
          `ребёнок проживает в другом муниципальном образовании (${child.municipality}, а не ${municipality}): сообщение регистрирует комиссия по месту проживания`,
        );
      }
    });
    const reporter = v.optionalText('input.reporter', input.reporter, 500);
    const summary = v.text('input.summary', input.summary, 10_000);
    let reportingOrganisation = v.optionalText('input.reportingOrganisationId', input.reportingOrganisationId, 20);
    if (reportingOrganisation && !loadOrganisationRegistry().get(reportingOrganisation)) {
      throw inputError('input.reportingOrganisationId', reportingOrganisation, 'organisation.known', 'организации с таким ОГРН нет в реестре организаций');
    }
    const rows = children.map((child, i) => {
      const spec = input.children[i];
      try {
        return this.cases.registration(principal, child, {
          childId: child.id,
          urgency: input.urgency,
          receivedOn: input.receivedOn,
          sourceKind: input.sourceKind,
          summary,
          indicatorCodes: spec.indicatorCodes,
        });
      } catch (error) {
        throw renamed(error, 'input.indicatorCodes', `input.children[${i}].indicatorCodes`);
      }
    });
    const allSignals = input.children.flatMap((c) => c.signals);
    return this.dataSource.transaction(async (em) => {
      reportingOrganisation ??= await signalOrganisation(em, allSignals);
      const message = await insertMessage(em, principal, {
        municipality,
        receivedOn: rows[0].receivedOn,
        sourceKind: input.sourceKind,
        urgency: input.urgency,
        summary,
        reporter,
        reportingOrganisation,
        signals: allSignals,
      });
      const stored: StoredMessage['children'] = [];
      for (const [i, child] of children.entries()) {
        const at = `input.children[${i}]`;
        const [open] = await em.query(`SELECT id FROM kdn_case WHERE child_id = $1 AND municipality = $2 AND state NOT IN ${OPEN_STATES} ORDER BY received_on DESC, number DESC LIMIT 1 FOR UPDATE`, [
          child.id,
          municipality,
        ]);
        if (open) {
          const kase = await em.getRepository(KdnCaseEntity).findOneByOrFail({ id: open.id });
          await this.cases.linkSignals(em, kase, input.children[i].signals, at);
          await recordCaseEvent(em, kase.id, 'addMessage', kase.state, kase.state, principal, { message: message.number, sourceKind: input.sourceKind, signals: input.children[i].signals });
          await attachChild(em, message.id, child.id, kase.id, false);
          stored.push({ childId: child.id, caseId: kase.id, caseNumber: kase.number, openedCase: false });
        } else {
          const kase = await this.cases.registerIn(em, principal, child, rows[i], input.children[i].signals, at);
          await attachChild(em, message.id, child.id, kase.id, true);
          stored.push({ childId: child.id, caseId: kase.id, caseNumber: kase.number, openedCase: true });
        }
      }
      return { ...message, municipality, receivedOn: rows[0].receivedOn, sourceKind: input.sourceKind, reportingOrganisation, children: stored };
    });
  }
}

/** A child's own validation error names the child's place in the message. */
function renamed(error: unknown, from: string, to: string): unknown {
  const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
  if (extensions && extensions.field === from) extensions.field = to;
  return error;
}
