import { FormEvent, useState } from 'react';
import { useQuery } from '../../api/hooks';
import { ErrorList, Loading } from '../../components/notices';
import { AGENCY_CAPTIONS, URGENCY_CAPTIONS, caption } from '../../format/captions';
import { formatDate, formatDateTime } from '../../format/dates';
import { useSession } from '../../app/session';
import type { Agency } from '../../gql/graphql';
import { ChildName } from '../shared/child-name';
import { useOurCases } from './our-cases';
import { SIGNAL_FATE } from './specialist.operations';

const AGENCIES: Agency[] = ['EDUCATION', 'HEALTH', 'POLICE', 'SOCIAL', 'GUARDIANSHIP'];

function SignalFate({ agency, signalId }: { agency: Agency; signalId: string }) {
  const { data, errors, loading } = useQuery(SIGNAL_FATE, { agency, signalId });
  if (loading) return <Loading what="судьба сигнала" />;
  const fate = data?.signalFate;
  return (
    <div className="panel" role="region" aria-label="Что стало с сигналом">
      <ErrorList errors={errors} />
      {fate ? (
        fate.registered ? (
          <>
            <p>
              Зарегистрирован в деле № {fate.caseNumber} от {formatDate(fate.receivedOn)}; {fate.stateCaption ?? '—'}
              {fate.checkDue ? `; срок проверки ${formatDate(fate.checkDue)}` : ''}
              {fate.resolutionNumber ? `; постановление № ${fate.resolutionNumber} от ${formatDate(fate.resolutionDate)}: ${fate.resolutionCaption ?? ''}` : ''}
              {fate.closedOn ? `; закрыто ${formatDate(fate.closedOn)} (${fate.closureCaption ?? ''})` : ''}
            </p>
            <ol>
              {fate.steps.map((s, i) => (
                <li key={i}>
                  {s.caption} ({s.at})
                </li>
              ))}
            </ol>
          </>
        ) : (
          <p>Сигнал ещё не зарегистрирован комиссией.</p>
        )
      ) : null}
    </div>
  );
}

/** Our organisation's signals that reached the commission, and what became of each. */
export function OurSignalsPage() {
  const { organisation, zone } = useSession();
  const { data, errors, loading } = useOurCases();
  const [open, setOpen] = useState<{ agency: Agency; signalId: string } | null>(null);
  const [lookup, setLookup] = useState<{ agency: Agency; signalId: string }>({ agency: (AGENCIES.includes(organisation?.type as Agency) ? organisation!.type : 'EDUCATION') as Agency, signalId: '' });
  const rows = (data?.kdnCasesConnection.edges ?? [])
    .flatMap((e) => (e.node ? [e.node] : []))
    .flatMap((c) => (c.signals ?? []).filter((s) => s.organisationId === organisation?.id).map((s) => ({ ...s, kase: c })));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (lookup.signalId.trim()) setOpen({ agency: lookup.agency, signalId: lookup.signalId.trim() });
  };
  return (
    <section aria-labelledby="our-signals-title">
      <h1 id="our-signals-title">Сигналы организации</h1>
      <ErrorList errors={errors} />
      {loading ? (
        <Loading what="сигналы" />
      ) : rows.length === 0 ? (
        <p>Сигналов организации в делах нет.</p>
      ) : (
        <table>
          <caption>Сигналы организации, зарегистрированные комиссией (время — {zone.caption})</caption>
          <thead>
            <tr>
              <th scope="col">Выявлен</th>
              <th scope="col">Ребёнок</th>
              <th scope="col">Срочность</th>
              <th scope="col">Дело</th>
              <th scope="col">Что стало</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={`${s.agency}-${s.signalId}`}>
                <td>{formatDateTime(s.observedAt, zone)}</td>
                <td>
                  <ChildName child={s.kase.child} />
                </td>
                <td>{caption(URGENCY_CAPTIONS, s.urgency)}</td>
                <td>{s.kase.number}</td>
                <td>
                  <button type="button" onClick={() => setOpen({ agency: s.agency, signalId: s.signalId })}>
                    Подробнее
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form onSubmit={submit} className="panel">
        <h2>Найти сигнал по номеру</h2>
        <label htmlFor="fate-agency">Ведомство</label>
        <select id="fate-agency" value={lookup.agency} onChange={(e) => setLookup({ ...lookup, agency: e.target.value as Agency })}>
          {AGENCIES.map((a) => (
            <option key={a} value={a}>
              {AGENCY_CAPTIONS[a]}
            </option>
          ))}
        </select>
        <label htmlFor="fate-signal">Номер сигнала</label>
        <input id="fate-signal" value={lookup.signalId} onChange={(e) => setLookup({ ...lookup, signalId: e.target.value })} />
        <button type="submit">Показать</button>
      </form>
      {open ? <SignalFate {...open} /> : null}
    </section>
  );
}
