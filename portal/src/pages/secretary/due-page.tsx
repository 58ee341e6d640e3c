import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { ErrorList, Loading } from '../../components/notices';
import { DUE_KIND_CAPTIONS, caption } from '../../format/captions';
import { formatDate, todayIn } from '../../format/dates';
import { formatDaysLeft } from '../../format/deadlines';
import { timeZoneOf } from '../../format/time-zones';
import { CALENDAR } from '../../app/calendar';
import { DUE } from './secretary.operations';

/** What is due and what is overdue, by the hub's terms; the reminders apart. */
export function DuePage() {
  const [overdueOnly, setOverdueOnly] = useState(false);
  const { data, errors, loading } = useQuery(DUE, { overdueOnly, first: 200 });
  return (
    <section aria-labelledby="due-title">
      <h1 id="due-title">Сроки</h1>
      <label>
        <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} /> Только просроченные
      </label>
      <ErrorList errors={errors} />
      {loading ? (
        <Loading what="сроки" />
      ) : (
        <>
          <table>
            <caption>Пункты со сроком</caption>
            <thead>
              <tr>
                <th scope="col">Дело</th>
                <th scope="col">Что</th>
                <th scope="col">Срок</th>
                <th scope="col">Осталось</th>
              </tr>
            </thead>
            <tbody>
              {(data?.dueItems ?? []).length === 0 ? (
                <tr>
                  <td colSpan={4}>Пунктов нет.</td>
                </tr>
              ) : (
                data!.dueItems.map((d, i) => (
                  <tr key={i} className={d.overdue ? 'overdue' : undefined}>
                    <td>{d.caseNumber ? <Link to={`/cases/${encodeURIComponent(d.caseNumber)}`}>{d.caseNumber}</Link> : '—'}</td>
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
          <h2>Напоминания</h2>
          {(data?.dueReminders ?? []).length === 0 ? (
            <p>Напоминаний нет.</p>
          ) : (
            <ul>
              {data!.dueReminders.map((r) => (
                <li key={r.id}>
                  <Link to={`/cases/${encodeURIComponent(r.caseNumber)}`}>{r.caseNumber}</Link>: {r.message} (срок {formatDate(r.dueOn)})
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
