import { FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation } from '../../api/hooks';
import { ErrorList } from '../../components/notices';
import { AGENCY_CAPTIONS, SOURCE_CAPTIONS, URGENCY_CAPTIONS } from '../../format/captions';
import { formatDate, todayIn } from '../../format/dates';
import { formatDaysLeft } from '../../format/deadlines';
import { timeZoneOf } from '../../format/time-zones';
import { CALENDAR } from '../../app/calendar';
import { useSession } from '../../app/session';
import type { Agency, SourceKind, Urgency } from '../../gql/graphql';
import { ASSIGN_CHECK, REGISTER_CASE } from './secretary.operations';

export interface SignalToRegister {
  agency: Agency;
  signalId: string;
  childId: string;
  urgency: Urgency;
  sourceKind: SourceKind;
  indicatorCodes: string[];
  childName: string | null;
  from: string | null;
}

const CHECKING_AGENCIES: Agency[] = ['EDUCATION', 'HEALTH', 'POLICE', 'SOCIAL', 'GUARDIANSHIP'];

/** Registers a case from a signal, then assigns the check; the due date shown is the hub's answer. */
export function RegisterCasePanel({ signal, onClose }: { signal: SignalToRegister; onClose: () => void }) {
  const { zone } = useSession();
  const [receivedOn, setReceivedOn] = useState(todayIn(zone));
  const [summary, setSummary] = useState('');
  const [urgency, setUrgency] = useState<Urgency>(signal.urgency);
  const [agencies, setAgencies] = useState<Agency[]>(CHECKING_AGENCIES.includes(signal.agency) ? [signal.agency] : ['SOCIAL']);
  const [register, registered] = useMutation(REGISTER_CASE, { purpose: 'SIGNAL_CHECK' });
  const [assign, assigned] = useMutation(ASSIGN_CHECK, { purpose: 'SIGNAL_CHECK' });
  const kase = registered.data?.registerSignalInJournal ?? null;
  const check = assigned.data?.assignCheck ?? null;

  const submitRegistration = (event: FormEvent) => {
    event.preventDefault();
    void register({
      input: {
        childId: signal.childId,
        receivedOn,
        summary,
        urgency,
        sourceKind: signal.sourceKind,
        indicatorCodes: signal.indicatorCodes,
        signals: [{ agency: signal.agency, signalId: signal.signalId }],
      },
    });
  };
  const submitCheck = (event: FormEvent) => {
    event.preventDefault();
    if (kase) void assign({ caseId: kase.id, agencies });
  };

  return (
    <section className="panel" aria-labelledby="register-title">
      <h2 id="register-title">Регистрация дела по сигналу</h2>
      <p>
        Ребёнок: {signal.childName ?? 'скрыто'}; источник: {SOURCE_CAPTIONS[signal.sourceKind] ?? signal.sourceKind}
        {signal.from ? ` (${signal.from})` : ''}.
      </p>
      {!kase ? (
        <form onSubmit={submitRegistration}>
          <label htmlFor="received-on">Дата поступления</label>
          <input id="received-on" type="date" required value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} />
          <label htmlFor="urgency">Срочность</label>
          <select id="urgency" value={urgency} onChange={(e) => setUrgency(e.target.value as Urgency)}>
            {Object.entries(URGENCY_CAPTIONS).map(([code, text]) => (
              <option key={code} value={code}>
                {text}
              </option>
            ))}
          </select>
          <label htmlFor="summary">Краткое содержание</label>
          <textarea id="summary" required minLength={3} rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
          <ErrorList errors={registered.errors} />
          <div className="actions">
            <button type="submit" disabled={registered.running}>
              Зарегистрировать
            </button>
            <button type="button" onClick={onClose}>
              Отмена
            </button>
          </div>
        </form>
      ) : (
        <>
          <p role="status">
            Дело № <Link to={`/cases/${encodeURIComponent(kase.number)}`}>{kase.number}</Link> зарегистрировано.
          </p>
          {!check ? (
            <form onSubmit={submitCheck}>
              <fieldset>
                <legend>Назначить проверку ведомствам</legend>
                {CHECKING_AGENCIES.map((agency) => (
                  <label key={agency} className="check">
                    <input type="checkbox" checked={agencies.includes(agency)} onChange={(e) => setAgencies((list) => (e.target.checked ? [...list, agency] : list.filter((a) => a !== agency)))} />{' '}
                    {AGENCY_CAPTIONS[agency]}
                  </label>
                ))}
              </fieldset>
              <ErrorList errors={assigned.errors} />
              <button type="submit" disabled={assigned.running || agencies.length === 0}>
                Назначить проверку
              </button>
            </form>
          ) : (
            <div role="status" className="notice notice-ok">
              <p>
                Проверка назначена:{' '}
                {check.checks
                  ?.at(-1)
                  ?.organisations.map((o) => o.name)
                  .join('; ') || check.checkAgencies.map((a) => AGENCY_CAPTIONS[a]).join(', ')}
                .
              </p>
              <p>
                Срок проверки: <strong data-check-due={check.checkDue ?? ''}>{formatDate(check.checkDue)}</strong> ({formatDaysLeft(todayIn(timeZoneOf(check.municipality)), check.checkDue, CALENDAR)},
                по производственному календарю и правилам региона)
              </p>
              <button type="button" onClick={onClose}>
                Закрыть
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
