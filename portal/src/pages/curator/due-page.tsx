import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { useSession } from '../../app/session';
import { CALENDAR } from '../../app/calendar';
import { ErrorList, Loading } from '../../components/notices';
import { DUE_KIND_CAPTIONS, caption } from '../../format/captions';
import { formatDate, todayIn } from '../../format/dates';
import { formatDaysLeft } from '../../format/deadlines';
import { timeZoneOf } from '../../format/time-zones';
import { CURATOR_DUE } from './curator.operations';

/** Records, sheets, surveys and programme rows due on the curator's cases, by the hub's terms. */
export function CuratorDuePage() {
  const { person } = useSession();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const { data, errors, loading } = useQuery(CURATOR_DUE, { curator: person.username, overdueOnly, first: 200 });
  const items = data?.dueItems ?? [];
  return (
    <section aria-labelledby="curator-due-title">
      <h1 id="curator-due-title">Сроки по моим делам</h1>
      <label className="check">
        <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} /> Только просроченные
      </label>
      <ErrorList errors={errors} />
      {loading ? (
        <Loading what="сроки" />
      ) : (
        <table>
          <caption>Что нужно сделать по делам, где вы куратор</caption>
          <thead>
            <tr>
              <th scope="col">Дело</th>
              <th scope="col">Что</th>
              <th scope="col">Срок</th>
              <th scope="col">Осталось</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? (
              <tr>
                <td colSpan={4}>Пунктов нет.</td>
              </tr>
            ) : (
              items.map((d, i) => (
                <tr key={i} className={d.overdue ? 'overdue' : undefined}>
                  <td>{d.caseId ? <Link to={`/curator/cases/${encodeURIComponent(d.caseId)}`}>{d.caseNumber}</Link> : '—'}</td>
                  <td>
                    {caption(DUE_KIND_CAPTIONS, d.kind)}
                    {d.rowNo ? `, строка ${d.rowNo}` : ''}
                  </td>
                  <td>
                    {formatDate(d.dueOn)}
                    {d.provisional ? <small> (предварительно: {d.provisionalReason})</small> : null}
                  </td>
                  <td>{d.overdue ? 'просрочено' : formatDaysLeft(todayIn(timeZoneOf(d.municipality)), d.dueOn, CALENDAR)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
