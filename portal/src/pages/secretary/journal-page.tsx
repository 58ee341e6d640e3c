import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { ErrorList, Loading } from '../../components/notices';
import { AGENCY_CAPTIONS, SOURCE_CAPTIONS, URGENCY_CAPTIONS, caption } from '../../format/captions';
import { formatDateTime, formatDaysAgo, todayIn } from '../../format/dates';
import { useSession } from '../../app/session';
import { ChildAge, ChildName } from '../shared/child-name';
import { JOURNAL } from './secretary.operations';
import { RegisterCasePanel, SignalToRegister } from './register-case-panel';

const PAGE = 20;

/** The commission's journal: what came in from the agencies and waits for registration, newest first. */
export function JournalPage() {
  const { zone } = useSession();
  const [waitingOnly, setWaitingOnly] = useState(true);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [selected, setSelected] = useState<SignalToRegister | null>(null);
  const after = cursors[cursors.length - 1];
  const { data, errors, loading } = useQuery(JOURNAL, { filter: { waitingOnly }, first: PAGE, after });
  const today = todayIn(zone);
  const edges = data?.incomingSignalsConnection.edges ?? [];

  return (
    <section aria-labelledby="journal-title">
      <h1 id="journal-title">Журнал входящих сигналов</h1>
      <div className="toolbar">
        <label>
          <input
            type="checkbox"
            checked={waitingOnly}
            onChange={(e) => {
              setWaitingOnly(e.target.checked);
              setCursors([null]);
            }}
          />{' '}
          Только ждущие регистрации
        </label>
      </div>
      <ErrorList errors={errors} />
      {selected ? <RegisterCasePanel signal={selected} onClose={() => setSelected(null)} /> : null}
      {loading ? (
        <Loading what="журнал" />
      ) : (
        <table>
          <caption>Сигналы ведомств, сначала новые (время — {zone.caption})</caption>
          <thead>
            <tr>
              <th scope="col">Ребёнок</th>
              <th scope="col">Возраст</th>
              <th scope="col">Источник</th>
              <th scope="col">Срочность</th>
              <th scope="col">Поступил</th>
              <th scope="col">Ожидает</th>
              <th scope="col">Действие</th>
            </tr>
          </thead>
          <tbody>
            {edges.length === 0 ? (
              <tr>
                <td colSpan={7}>Сигналов нет.</td>
              </tr>
            ) : (
              edges.map(({ node: s }) => (
                <tr key={`${s.agency}-${s.signalId}`} data-signal={s.signalId}>
                  <td>
                    <ChildName child={s.child} />
                  </td>
                  <td>
                    <ChildAge child={s.child} />
                  </td>
                  <td>
                    {caption(AGENCY_CAPTIONS, s.agency)}
                    <br />
                    <small>{s.organisation?.name ?? s.reporterOrganisation ?? caption(SOURCE_CAPTIONS, s.sourceKind)}</small>
                  </td>
                  <td className={`urgency urgency-${s.urgency.toLowerCase()}`}>{caption(URGENCY_CAPTIONS, s.urgency)}</td>
                  <td>{formatDateTime(s.observedAt, zone)}</td>
                  <td>{s.caseNumber ? 'зарегистрирован' : s.urgency === 'EMERGENCY' ? 'незамедлительно' : formatDaysAgo(todayIn(zone, new Date(s.observedAt)), today)}</td>
                  <td>
                    {s.caseNumber ? (
                      <Link to={`/cases/${encodeURIComponent(s.caseNumber)}`}>Дело {s.caseNumber}</Link>
                    ) : (
                      <button
                        type="button"
                        onClick={() =>
                          setSelected({
                            agency: s.agency,
                            signalId: s.signalId,
                            childId: s.childId,
                            urgency: s.urgency,
                            sourceKind: s.sourceKind,
                            indicatorCodes: s.indicatorCodes,
                            childName: s.child.fullName ?? null,
                            from: s.organisation?.name ?? s.reporterOrganisation ?? null,
                          })
                        }
                      >
                        Зарегистрировать дело
                      </button>
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      )}
      <div className="pager">
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Предыдущая страница
        </button>
        <button type="button" disabled={!data?.incomingSignalsConnection.pageInfo.hasNextPage} onClick={() => setCursors((c) => [...c, data!.incomingSignalsConnection.pageInfo.endCursor ?? null])}>
          Следующая страница
        </button>
      </div>
    </section>
  );
}
