import { DataSource } from 'typeorm';
import { AgencyCode } from '../../../../auth/principal';
import { CASE_STATE_CAPTIONS, CaseState } from '../../cases/workflow/case-workflow';
import { SignalFate } from '../types/inbox.types';
import { closureCaption, resolutionCaption } from './notify';

/** The steps as the reporter reads them. */
const STEP_CAPTIONS: Record<string, string> = {
  register: 'Сигнал зарегистрирован в журнале КДН',
  assignCheck: 'Назначена проверка',
  recordConclusion: 'Представлено заключение по проверке',
  recordResolution: 'Принято постановление КДН',
  approveProgramme: 'Утверждена программа',
  closeCase: 'Случай закрыт',
  // Corrections (cases/workflow/case-corrections.ts), each with its reason in the case's history.
  annulRegistration: 'Регистрация аннулирована',
  mergeCases: 'Дело объединено с другим делом ребёнка',
  correctRegistration: 'Исправлены сведения о поступлении',
  extendCheck: 'Срок проверки продлён',
  returnConclusion: 'Заключение возвращено на доработку',
  amendProgramme: 'Программа изменена',
  changeTerm: 'Изменён срок работы по случаю',
  reopenCase: 'Случай возобновлён',
};

/**
 * What became of a signal, for the organisation that reported it and no one else (its ОГРН is the
 * signal's `organisationId`, as the agency's event brought it): null for another organisation's
 * signal and for an unknown one alike. The case number, the steps and their dates, the decision
 * and why the case was closed; never the conclusion's content, the family or another agency's data.
 */
export async function signalFate(dataSource: DataSource, agency: AgencyCode, signalId: string, organisationId: string): Promise<{ childId: string; view: SignalFate } | null> {
  const [signal] = await dataSource.query(
    `SELECT r.child_id AS "childId", k.id AS "caseId", k.number, k.received_on::text AS "receivedOn", k.state, k.check_due::text AS "checkDue",
            k.resolution, k.closed_on::text AS "closedOn", k.closure_reason AS "closureReason"
     FROM agency_record r
     LEFT JOIN case_signal s ON s.source = r.source AND s.signal_id = r.aggregate_id
     LEFT JOIN kdn_case k ON k.id = s.case_id
     WHERE r.source = $1 AND r.aggregate_id = $2 AND r.aggregate_type = 'Signal' AND r.state->>'organisationId' = $3`,
    [agency, signalId, organisationId],
  );
  if (!signal) return null;
  const steps: Array<{ action: string; at: Date }> = signal.caseId ? await dataSource.query(`SELECT action, at FROM case_event WHERE case_id = $1 ORDER BY id`, [signal.caseId]) : [];
  const resolution = signal.resolution as { number?: string; date?: string; kind?: string } | null;
  return {
    childId: signal.childId,
    view: {
      agency,
      signalId,
      registered: signal.caseId !== null,
      caseNumber: signal.number,
      receivedOn: signal.receivedOn,
      state: signal.state,
      stateCaption: signal.state ? (CASE_STATE_CAPTIONS[signal.state as CaseState] ?? signal.state) : null,
      checkDue: signal.checkDue,
      resolutionNumber: resolution?.number ?? null,
      resolutionDate: resolution?.date ?? null,
      resolutionKind: resolution?.kind ?? null,
      resolutionCaption: resolutionCaption(resolution?.kind),
      closedOn: signal.closedOn,
      closureReason: signal.closureReason,
      closureCaption: closureCaption(signal.closureReason),
      // Steps without a caption here (added later) keep their own name.
      steps: steps.map((s) => ({ action: s.action, caption: STEP_CAPTIONS[s.action] ?? s.action, at: s.at })),
    },
  };
}
