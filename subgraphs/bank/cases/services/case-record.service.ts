import { DataSource } from 'typeorm';
import { organisationsOf, teamOrganisations } from './case-organisations';
import { notifyOrganisations } from '../../notifications/services/notification.writer';
import { AgencyCode, Principal } from '../../../../auth/principal';
// Listed items never fail on a year the calendar lacks: counted by the statute and still shown (working-days.ts).
import { addCalendarDays } from '../../../../schema/calendar/working-days';
import { provisionalReason, Term, workingTerm } from '../../../../schema/calendar/provisional';
import { regionRule } from '../../../../schema/calendar/region-rules';
import { followUpDeadlinesFor, regionsWithoutTakenOffMessage } from '../workflow/follow-up-deadlines';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';
import {
  addCalendarMonths,
  CASE_RECORD_CAPTIONS,
  CASE_RECORD_RULES,
  CaseRecordKind,
  DETAIL_KEYS,
  DetailKey,
  DueAddressee,
  DueItemKind,
  FOLLOW_UP_TERMS,
  nextPatronageSheetDue,
  quarterlyReportDue,
  teamOf,
} from '../workflow/case-records';
import { CaseState } from '../workflow/case-workflow';
import { caseWork } from './programme.service';
import { proposalsDue } from './programme-proposal.service';
import { DUE_ITEM_ADDRESSEES } from '../workflow/case-records';

export type CaseRecordDetails = Partial<Record<DetailKey, string>>;

export interface CaseRecordInput {
  kind: CaseRecordKind;
  periodFrom: string | null;
  periodTo: string | null;
  recordedOn: string;
  summary: string;
  details: CaseRecordDetails | null;
}

export interface CaseRecordRow {
  id: string;
  caseId: string;
  kind: CaseRecordKind;
  agency: AgencyCode | null;
  periodFrom: string | null;
  periodTo: string | null;
  recordedOn: string;
  summary: string;
  details: CaseRecordDetails;
  recordedBy: string | null;
  createdAt: Date;
}

export const CASE_RECORD_COLUMNS = `id, case_id AS "caseId", kind, agency, period_from::text AS "periodFrom", period_to::text AS "periodTo",
  recorded_on::text AS "recordedOn", summary, details, recorded_by AS "recordedBy", created_at AS "createdAt"`;

export interface DueItemRow {
  caseId: string;
  caseNumber: string;
  childId: string;
  municipality: string;
  kind: DueItemKind;
  agency: AgencyCode;
  /** The responsible organisation (ОГРН); null where a case of before organisations names only a type. */
  organisationId: string | null;
  curator: string | null;
  dueOn: string;
  overdue: boolean;
  rowNo: number | null;
  /** Who is to act (workflow/case-records.ts DUE_ITEM_ADDRESSEES): the curator, the KDN, or the organisation in its case role. */
  addressee: DueAddressee;
  /** The date is counted through a year without its decree on moved days off (schema/calendar/provisional.ts). */
  provisional: boolean;
  provisionalReason: string | null;
}

export interface DueScope {
  /** The territories asked about (null: any); a caller's scope is always within its organisation's. */
  municipalities: readonly string[] | null;
  agency: AgencyCode | null;
  /** The caller's organisation: only its items (and its type's items on cases of before organisations). */
  organisation?: string | null;
  curator: string | null;
  caseId: string | null;
}

/** More cases than a region holds open at once: the list is cut, never the database. */
const CASE_SCAN_LIMIT = 20_000;

/** Myasnikovsky 5.3, «не позднее 3-х календарных дней после выявления» (region-rules.ts; the hub applies the bank's terms everywhere). */
const DETECTING_BODY_DAYS = ((rule) => (rule?.term.kind === 'CALENDAR_DAYS' ? rule.term.days : 3))(regionRule('60', 'DETECTING_BODY_INSPECTION'));

/** Follow-up records of a case (DOMAIN.md step 7) and what is due or overdue in the open cases. */
export class CaseRecordService {
  constructor(private readonly dataSource: DataSource) {}

  async recordCaseRecord(principal: Principal, caseId: string, input: CaseRecordInput): Promise<CaseRecordRow> {
    const id = v.uuid('caseId', caseId);
    const rule = CASE_RECORD_RULES[input.kind];
    if (!rule) throw inputError('input.kind', input.kind, 'record.kind', 'неизвестный вид записи');
    return this.dataSource.transaction(async (em) => {
      const kase = await caseWork.lock(em, id);
      caseWork.requireState(`recordCaseRecord:${input.kind}`, kase.state as CaseState, rule.states);
      const team = teamOf(kase);
      caseWork.requireWorker(principal, team, 'recordCaseRecord', rule.workers, { kind: input.kind });

      // The family is told of the closing resolution, so not before it.
      const notBefore = input.kind === 'FAMILY_INFORMED' && kase.closedOn ? kase.closedOn : (team.resolvedOn ?? '2000-01-01');
      const recordedOn = v.date('input.recordedOn', input.recordedOn, { notInFuture: true, notBefore });
      const summary = v.text('input.summary', input.summary, 10_000);
      const periodFrom = input.periodFrom == null ? null : v.date('input.periodFrom', input.periodFrom, { notBefore: '2000-01-01' });
      const periodTo = input.periodTo == null ? null : v.date('input.periodTo', input.periodTo, { notBefore: '2000-01-01' });
      if (rule.periodRequired && (periodFrom === null || periodTo === null)) {
        throw inputError(
          periodFrom === null ? 'input.periodFrom' : 'input.periodTo',
          null,
          'record.periodRequired',
          `${CASE_RECORD_CAPTIONS[input.kind]} составляется за период: укажите его начало и конец`,
        );
      }
      if ((periodFrom === null) !== (periodTo === null)) {
        throw inputError(periodFrom === null ? 'input.periodFrom' : 'input.periodTo', null, 'record.periodComplete', 'укажите и начало, и конец периода');
      }
      if (periodFrom !== null && periodTo !== null && periodFrom > periodTo) throw inputError('input.periodTo', periodTo, 'period.order', 'конец периода раньше начала');
      if (periodTo !== null && periodTo > recordedOn) throw inputError('input.periodTo', periodTo, 'record.periodBeforeRecorded', 'период должен закончиться не позже даты составления');
      const details = this.details(input.kind, input.details ?? {});

      const [row] = (await em.query(
        `INSERT INTO case_record (case_id, kind, agency, period_from, period_to, recorded_on, summary, details, recorded_by, organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${CASE_RECORD_COLUMNS}`,
        [kase.id, input.kind, principal.agency, periodFrom, periodTo, recordedOn, summary, JSON.stringify(details), principal.username, principal.organisation?.id ?? null],
      )) as CaseRecordRow[];
      await caseWork.history(em, kase, 'recordCaseRecord', principal, { recordId: row.id, kind: input.kind, periodFrom, periodTo, recordedOn });
      const organisations = teamOrganisations(team);
      const recipients = rule.notify.flatMap((who) => (who === 'KDN' ? [organisations.kdn] : who === 'LEAD_AGENCY' ? [organisations.lead] : organisations.supporting)).filter((o) => o !== null);
      const period = periodFrom && periodTo ? ` за период ${periodFrom} — ${periodTo}` : '';
      await notifyOrganisations(
        em,
        kase,
        recipients.filter((o) => o.id !== principal.organisation?.id),
        `CASE_RECORD_${input.kind}`,
        `${CASE_RECORD_CAPTIONS[input.kind]} по делу ${kase.number}${period} от ${recordedOn} внесён(а)`,
      );
      return row;
    });
  }

  /** Only the details the kind carries; the required ones present; the potential named with its stage. */
  private details(kind: CaseRecordKind, raw: CaseRecordDetails): CaseRecordDetails {
    const rule = CASE_RECORD_RULES[kind];
    const details: CaseRecordDetails = {};
    for (const key of DETAIL_KEYS) {
      const value = raw[key];
      if (value === null || value === undefined) continue;
      const owner = (Object.keys(CASE_RECORD_RULES) as CaseRecordKind[]).find((k) => CASE_RECORD_RULES[k].exclusiveDetails.includes(key));
      if (owner && owner !== kind) throw inputError(`input.details.${key}`, value, 'record.detailNotApplicable', `сведение относится только к виду записи ${owner}`);
      details[key] = value;
    }
    for (const key of rule.requiredDetails) {
      if (!details[key]) throw inputError(`input.details.${key}`, null, 'record.detailRequired', `${CASE_RECORD_CAPTIONS[kind]}: укажите ${key}`);
    }
    if ((details.rehabilitationPotential === undefined) !== (details.rehabilitationStage === undefined)) {
      throw inputError(
        'input.details.rehabilitationStage',
        details.rehabilitationStage ?? null,
        'record.potentialWithStage',
        'реабилитационный потенциал указывается вместе с этапом (начальный, основной, заключительный)',
      );
    }
    return details;
  }

  /**
   * What is due in the open cases of the scope, each with its responsible agency (or the KDN) and
   * the date: checks, the organisations' proposals, the programme's drafting (the curator's) and
   * rows, patronage sheets, quarterly reports, surveys and reviews, each addressed to someone the
   * rule of its action admits. Five statements whatever the number of cases.
   */
  async dueItems(scope: DueScope, today = new Date().toISOString().slice(0, 10)): Promise<DueItemRow[]> {
    const cases: Array<{
      id: string;
      number: string;
      childId: string;
      municipality: string;
      state: string;
      checkAgencies: string[];
      checkOrganisations: string[];
      checkDue: string | null;
      resolution: Record<string, unknown> | null;
      closedOn: string | null;
      receivedOn: string;
      detectingOrganisation: string | null;
      detectingReported: boolean;
    }> = await this.dataSource.query(
      `SELECT c.id, c.number, c.child_id AS "childId", c.municipality, c.state, c.check_agencies AS "checkAgencies", c.check_organisations AS "checkOrganisations", c.check_due::text AS "checkDue", c.resolution, c.closed_on::text AS "closedOn", c.received_on::text AS "receivedOn",
                c.detecting_organisation AS "detectingOrganisation",
                EXISTS (SELECT 1 FROM petition p WHERE p.case_id = c.id AND p.kind = 'REGISTRATION' AND p.organisation_id = c.detecting_organisation) AS "detectingReported"
         FROM kdn_case c
         -- A case closed by its closing resolution (closeCase, dated) still owes the messages that follow it, until they are recorded.
         WHERE (c.state IN ('CHECKING', 'IN_WORK', 'PROGRAMME_APPROVED')
                OR (c.state = 'CLOSED' AND EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.action = 'closeCase' AND e.payload ? 'resolutionDate')
                    AND NOT (EXISTS (SELECT 1 FROM case_record f WHERE f.case_id = c.id AND f.kind = 'FAMILY_INFORMED')
                             AND (left(c.municipality, 2) = ANY($5::text[])
                                  OR EXISTS (SELECT 1 FROM case_record f WHERE f.case_id = c.id AND f.kind = 'INFORMATION_MESSAGE' AND f.details->>'messageKind' = 'TAKEN_OFF')))))
           AND ($1::text[] IS NULL OR c.municipality = ANY($1::text[]))
           AND ($2::uuid IS NULL OR c.id = $2)
           AND ($3::text IS NULL OR c.resolution->>'curator' = $3)
           AND ($4::text IS NULL OR $4 = 'kdn' OR $4 = ANY(c.check_agencies) OR (c.state = 'CHECKING' AND c.detecting_organisation IS NOT NULL) OR c.resolution->>'leadAgency' = $4
                OR c.resolution->'supportingAgencies' @> jsonb_build_array($4::text)
                OR EXISTS (SELECT 1 FROM programme_row r WHERE r.case_id = c.id AND r.executor_agency = $4))
         ORDER BY c.created_at
         LIMIT ${CASE_SCAN_LIMIT}`,
      [scope.municipalities, scope.caseId, scope.curator, scope.agency, regionsWithoutTakenOffMessage()],
    );
    if (cases.length === 0) return [];
    const ids = cases.map((c) => c.id);
    const [rows, records, approvals, proposals] = await Promise.all([
      this.dataSource.query(
        `SELECT case_id AS "caseId", row_no AS "rowNo", executor_agency AS agency, executor_organisation AS organisation, due_date::text AS "dueOn"
         FROM programme_row WHERE case_id = ANY($1::uuid[]) AND measure_status IS DISTINCT FROM 'DONE' AND cancelled_in_version IS NULL`,
        [ids],
      ) as Promise<Array<{ caseId: string; rowNo: number; agency: string; organisation: string | null; dueOn: string }>>,
      this.dataSource.query(
        `SELECT case_id AS "caseId", kind, agency, organisation_id AS organisation, max(period_to)::text AS "lastPeriodTo", max(recorded_on)::text AS "lastRecordedOn", details->>'messageKind' AS "messageKind"
         FROM case_record WHERE case_id = ANY($1::uuid[]) GROUP BY case_id, kind, agency, organisation_id, details->>'messageKind'`,
        [ids],
      ) as Promise<
        Array<{ caseId: string; kind: CaseRecordKind; agency: string | null; organisation: string | null; lastPeriodTo: string | null; lastRecordedOn: string; messageKind: string | null }>
      >,
      this.dataSource.query(
        `SELECT case_id AS "caseId", (max(at) AT TIME ZONE 'UTC')::date::text AS "approvedOn"
         FROM case_event WHERE action = 'approveProgramme' AND case_id = ANY($1::uuid[]) GROUP BY case_id`,
        [ids],
      ) as Promise<Array<{ caseId: string; approvedOn: string }>>,
      this.dataSource.query(`SELECT DISTINCT case_id AS "caseId", organisation_id AS organisation, agency FROM programme_proposal WHERE case_id = ANY($1::uuid[])`, [ids]) as Promise<
        Array<{ caseId: string; organisation: string; agency: string }>
      >,
    ]);
    const approvedOn = new Map(approvals.map((a) => [a.caseId, a.approvedOn]));
    const rowsByCase = new Map<string, typeof rows>();
    for (const row of rows) rowsByCase.set(row.caseId, [...(rowsByCase.get(row.caseId) ?? []), row]);
    const recordsByCaseKind = new Map<string, typeof records>();
    for (const record of records) recordsByCaseKind.set(`${record.caseId}|${record.kind}`, [...(recordsByCaseKind.get(`${record.caseId}|${record.kind}`) ?? []), record]);
    // An organisation's own records; records of before organisations count for their type.
    const latest = (caseId: string, kind: CaseRecordKind, agency?: string, organisation?: string) => {
      const mine = (recordsByCaseKind.get(`${caseId}|${kind}`) ?? []).filter(
        (r) => (agency === undefined || r.agency === agency) && (organisation === undefined || r.organisation === organisation || r.organisation === null),
      );
      const max = (values: Array<string | null>) =>
        values
          .filter((x): x is string => x !== null)
          .sort()
          .pop() ?? null;
      return { periodTo: max(mine.map((r) => r.lastPeriodTo)), recordedOn: max(mine.map((r) => r.lastRecordedOn)) };
    };

    const items: DueItemRow[] = [];
    for (const kase of cases) {
      const team = teamOf(kase);
      // A working-day term carries whether its date is provisional (Term); calendar-day and fixed dates are final.
      const add = (
        kind: DueItemKind,
        agency: string | null,
        due: string | Term,
        rowNo: number | null = null,
        organisationId: string | null = null,
        addressee: DueAddressee = DUE_ITEM_ADDRESSEES[kind].addressees[0],
      ) => {
        if (!agency) return;
        const { dueOn, provisionalReason: reason } = typeof due === 'string' ? { dueOn: due, provisionalReason: null } : due;
        items.push({
          caseId: kase.id,
          caseNumber: kase.number,
          childId: kase.childId,
          municipality: kase.municipality,
          kind,
          agency: agency as AgencyCode,
          organisationId,
          curator: team.curator,
          dueOn,
          overdue: dueOn < today,
          rowNo,
          addressee,
          provisional: reason !== null,
          provisionalReason: reason,
        });
      };
      const terms = followUpDeadlinesFor(kase.municipality);
      if (kase.state === 'CHECKING') {
        // The detecting organisation's представление within 3 calendar days of detection (Myasnikovsky 5.3,
        // region-rules DETECTING_BODY_INSPECTION), counted from the day the KDN received the message; it
        // leaves the list once the organisation files it for the case.
        if (kase.detectingOrganisation && !kase.detectingReported) {
          for (const o of organisationsOf([kase.detectingOrganisation])) add('DETECTING_BODY_REPORT', o.type, addCalendarDays(kase.receivedOn, DETECTING_BODY_DAYS), null, o.id, 'DETECTING_BODY');
        }
        // The conclusion reaches the KDN within the region's working days after the check (Primorsky 5.3).
        const conclusionDue = kase.checkDue && terms.conclusionWorkingDays > 0 ? workingTerm(kase.checkDue, terms.conclusionWorkingDays) : null;
        // The check's term was counted in working days from the day the signal was received.
        const checkDue: Term | null = kase.checkDue ? { dueOn: kase.checkDue, provisionalReason: provisionalReason(kase.receivedOn, kase.checkDue) } : null;
        if (kase.checkDue && kase.checkOrganisations.length) {
          for (const o of organisationsOf(kase.checkOrganisations)) {
            add('CHECK', o.type, checkDue!, null, o.id);
            if (conclusionDue) add('CONCLUSION', o.type, conclusionDue, null, o.id);
          }
        } else if (kase.checkDue) {
          for (const agency of kase.checkAgencies) {
            add('CHECK', agency, checkDue!);
            if (conclusionDue) add('CONCLUSION', agency, conclusionDue);
          }
        }
        continue;
      }
      if (!team.resolvedOn) continue;
      const lead = team.leadOrganisation;
      const sent = (messageKind: string) => (recordsByCaseKind.get(`${kase.id}|INFORMATION_MESSAGE`) ?? []).some((r) => r.messageKind === messageKind);
      if (kase.state === 'CLOSED') {
        // After the closing resolution (its own date): the family is told (Mari El 6.5), the responsible body reports taking the family off (Primorsky 5.6).
        if (!kase.closedOn) continue;
        if (!recordsByCaseKind.has(`${kase.id}|FAMILY_INFORMED`)) add('FAMILY_INFORMED', 'kdn', workingTerm(kase.closedOn, terms.familyInformedWorkingDays));
        if (terms.takenOffMessageWorkingDays !== null && !sent('TAKEN_OFF')) add('TAKEN_OFF_MESSAGE', team.leadAgency, workingTerm(kase.closedOn, terms.takenOffMessageWorkingDays), null, lead);
        continue;
      }
      // The responsible body informs the KDN that it took the family on within 10 working days (Primorsky 5.4 б).
      if (terms.takenOnMessageWorkingDays !== null && !sent('TAKEN_ON')) add('TAKEN_ON_MESSAGE', team.leadAgency, workingTerm(team.resolvedOn, terms.takenOnMessageWorkingDays), null, lead);
      if (kase.state === 'IN_WORK') {
        const draftDue = addCalendarDays(team.resolvedOn, FOLLOW_UP_TERMS.programmeDraftDays);
        // The curator drafts (Mari El 5.3); a resolution that named none leaves it to the commission.
        add('PROGRAMME_DRAFT', 'kdn', draftDue, null, null, team.curator ? 'CURATOR' : 'KDN');
        for (const item of proposalsDue(
          team,
          proposals.filter((p) => p.caseId === kase.id),
        ))
          add('PROGRAMME_PROPOSALS', item.agency, draftDue, null, item.organisationId, item.addressee);
      }
      for (const row of rowsByCase.get(kase.id) ?? []) add('PROGRAMME_ROW', row.agency, row.dueOn, row.rowNo, row.organisation);
      if (team.supportingOrganisations.length) {
        for (const o of organisationsOf(team.supportingOrganisations))
          add('PATRONAGE_SHEET', o.type, nextPatronageSheetDue(team.resolvedOn, latest(kase.id, 'PATRONAGE_SHEET', o.type, o.id).periodTo), null, o.id);
      } else {
        for (const agency of team.supportingAgencies) add('PATRONAGE_SHEET', agency, nextPatronageSheetDue(team.resolvedOn, latest(kase.id, 'PATRONAGE_SHEET', agency).periodTo));
      }
      add('QUARTERLY_REPORT', team.leadAgency, quarterlyReportDue(team.resolvedOn, latest(kase.id, 'QUARTERLY_REPORT').periodTo), null, lead);
      add(
        'LIVING_CONDITIONS_SURVEY',
        team.leadAgency,
        addCalendarMonths(latest(kase.id, 'LIVING_CONDITIONS_SURVEY').recordedOn ?? team.resolvedOn, FOLLOW_UP_TERMS.livingConditionsSurveyMonths),
        null,
        lead,
      );
      const approved = approvedOn.get(kase.id);
      if (kase.state === 'PROGRAMME_APPROVED' && approved) {
        const lastReview = latest(kase.id, 'PROGRAMME_REVIEW').recordedOn;
        const from = lastReview && lastReview > approved ? lastReview : approved;
        add('PROGRAMME_REVIEW', 'kdn', addCalendarMonths(from, FOLLOW_UP_TERMS.programmeReviewMonths));
      }
    }
    const ofAgency = scope.agency ? items.filter((item) => item.agency === scope.agency) : items;
    // An organisation's own items; an item naming only a type is its type's in its territory (the caller's scope).
    const mine = scope.organisation ? ofAgency.filter((item) => item.organisationId === null || item.organisationId === scope.organisation) : ofAgency;
    return mine.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.caseNumber.localeCompare(b.caseNumber) || a.kind.localeCompare(b.kind) || (a.rowNo ?? 0) - (b.rowNo ?? 0));
  }
}
