import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorList, Loading } from '../../components/notices';
import { MEASURE_STATUS_CAPTIONS, caption } from '../../format/captions';
import { formatDate, todayIn } from '../../format/dates';
import { formatDaysLeft } from '../../format/deadlines';
import { CALENDAR } from '../../app/calendar';
import { useSession } from '../../app/session';
import { useOurCases } from './our-cases';
import { RecordMeasureForm, RowToRecord } from './record-measure-form';

/** Programme rows assigned to our organisation, with the measure recorded against each. */
export function ProgrammePage() {
  const { organisation, person, zone } = useSession();
  const { data, errors, loading } = useOurCases();
  const [recording, setRecording] = useState<RowToRecord | null>(null);
  const today = todayIn(zone);
  const rows = (data?.kdnCasesConnection.edges ?? [])
    .flatMap((e) => (e.node ? [e.node] : []))
    .flatMap((c) => c.programme.filter((r) => (r.executorOrganisation ? r.executorOrganisation === organisation?.id : r.executorAgency === organisation?.type)).map((r) => ({ ...r, kase: c })));
  return (
    <section aria-labelledby="programme-title">
      <h1 id="programme-title">Мероприятия программы</h1>
      <ErrorList errors={errors} />
      {recording && organisation ? (
        <RecordMeasureForm
          row={recording}
          agencyType={organisation.type}
          executorOrganisation={organisation.name}
          executorName={person.name ?? person.username}
          today={today}
          onDone={() => setRecording(null)}
        />
      ) : null}
      {loading ? (
        <Loading what="программа" />
      ) : rows.length === 0 ? (
        <p>Строк программы, назначенных организации, нет.</p>
      ) : (
        <table>
          <caption>Строки индивидуальных программ, где исполнитель — наша организация</caption>
          <thead>
            <tr>
              <th scope="col">Дело</th>
              <th scope="col">№</th>
              <th scope="col">Мероприятие</th>
              <th scope="col">Срок</th>
              <th scope="col">Состояние</th>
              <th scope="col">Действие</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className={r.overdue ? 'overdue' : undefined}>
                <td>
                  <Link to={`/cases/${encodeURIComponent(r.kase.number)}`}>{r.kase.number}</Link>
                </td>
                <td>{r.rowNo}</td>
                <td>{r.measure}</td>
                <td>
                  {formatDate(r.dueDate)} ({r.doneOn ? `исполнено ${formatDate(r.doneOn)}` : formatDaysLeft(today, r.dueDate, CALENDAR)})
                </td>
                <td>{caption(MEASURE_STATUS_CAPTIONS, r.measureStatus)}</td>
                <td>
                  {r.doneOn ? null : (
                    <button type="button" onClick={() => setRecording({ programmeRowId: r.id, childId: r.kase.childId, measure: r.measure, dueDate: r.dueDate })}>
                      Записать мероприятие
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
