import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { ErrorList, Loading } from '../../components/notices';
import { CASE_STATE_CAPTIONS, URGENCY_CAPTIONS, caption } from '../../format/captions';
import { formatDate, todayIn } from '../../format/dates';
import { formatDaysLeft } from '../../format/deadlines';
import { CALENDAR } from '../../app/calendar';
import { useSession } from '../../app/session';
import { ChildAge, ChildName } from '../shared/child-name';
import { CASES } from './secretary.operations';

/** The commission's cases, newest first; the check's days left on the production calendar. */
export function CasesPage() {
  const { zone } = useSession();
  const [overdue, setOverdue] = useState(false);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const { data, errors, loading } = useQuery(CASES, { filter: overdue ? { overdue: true } : {}, first: 20, after: cursors[cursors.length - 1] });
  const today = todayIn(zone);
  const page = data?.kdnCasesConnection;
  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">Дела</h1>
      <label>
        <input type="checkbox" checked={overdue} onChange={(e) => (setOverdue(e.target.checked), setCursors([null]))} /> Только с просроченным
      </label>
      <ErrorList errors={errors} />
      {loading ? (
        <Loading what="дела" />
      ) : (
        <table>
          <caption>Дела КДН</caption>
          <thead>
            <tr>
              <th scope="col">Номер</th>
              <th scope="col">Ребёнок</th>
              <th scope="col">Возраст</th>
              <th scope="col">Срочность</th>
              <th scope="col">Поступило</th>
              <th scope="col">Состояние</th>
              <th scope="col">Срок проверки</th>
            </tr>
          </thead>
          <tbody>
            {(page?.edges ?? [])
              .flatMap((e) => (e.node ? [e.node] : []))
              .map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/cases/${encodeURIComponent(c.number)}`}>{c.number}</Link>
                  </td>
                  <td>
                    <ChildName child={c.child} />
                  </td>
                  <td>
                    <ChildAge child={c.child} />
                  </td>
                  <td>{caption(URGENCY_CAPTIONS, c.urgency)}</td>
                  <td>{formatDate(c.receivedOn)}</td>
                  <td>{caption(CASE_STATE_CAPTIONS, c.state)}</td>
                  <td>{c.checkDue ? `${formatDate(c.checkDue)} (${c.state === 'CHECKING' ? formatDaysLeft(today, c.checkDue, CALENDAR) : 'проверка завершена'})` : '—'}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Предыдущая страница
        </button>
        <button type="button" disabled={!page?.pageInfo.hasNextPage} onClick={() => setCursors((c) => [...c, page!.pageInfo.endCursor ?? null])}>
          Следующая страница
        </button>
      </div>
    </section>
  );
}
