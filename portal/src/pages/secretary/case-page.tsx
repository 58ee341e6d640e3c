import { Link, useParams } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { errorAt } from '../../api/hub-errors';
import { mayOpen } from '../../auth/claims';
import { DownloadButton } from '../../components/download-button';
import { ErrorList, Loading, MissingAgencies, Withheld } from '../../components/notices';
import { AGENCY_CAPTIONS, CASE_STATE_CAPTIONS, MEASURE_STATUS_CAPTIONS, SOURCE_CAPTIONS, URGENCY_CAPTIONS, caption } from '../../format/captions';
import { formatAge, formatDate, formatDateTime, todayIn } from '../../format/dates';
import { formatDaysLeft } from '../../format/deadlines';
import { timeZoneOf } from '../../format/time-zones';
import { CALENDAR } from '../../app/calendar';
import { useSession } from '../../app/session';
import { CASE } from './secretary.operations';
import { ResolutionForm } from './resolution-form';

/** One case read back whole: the journal entry, checks, conclusions, resolutions, programme, history, documents. */
export function CasePage() {
  const { number = '' } = useParams();
  const { person } = useSession();
  const { data, errors, loading } = useQuery(CASE, { number });
  if (loading) return <Loading what={`дело ${number}`} />;
  const kase = data?.kdnCase;
  if (!kase) {
    return (
      <section>
        <h1>Дело {number}</h1>
        <ErrorList errors={errors} />
        {errors.length === 0 ? <p role="alert">Дело не найдено.</p> : null}
      </section>
    );
  }
  const zone = timeZoneOf(kase.municipality);
  const today = todayIn(zone);
  const childError = errorAt(errors, 'kdnCase.child');
  return (
    <article aria-labelledby="case-title">
      <h1 id="case-title">Дело № {kase.number}</h1>
      <MissingAgencies errors={errors} />
      <ErrorList errors={errors} shownPaths={['kdnCase.child']} />
      <dl className="fields">
        <div className="field">
          <dt>Ребёнок</dt>
          <dd>
            {childError ? (
              <Withheld error={childError} />
            ) : kase.child?.redaction ? (
              <span className="withheld">Скрыто: {kase.child.redaction.message}</span>
            ) : (
              <Link to={`/children/${kase.childId}`}>{kase.child?.fullName}</Link>
            )}
            {kase.child && !kase.child.redaction ? `, ${formatDate(kase.child.birthDate)} (${formatAge(kase.child.age)})` : ''}
          </dd>
        </div>
        <div className="field">
          <dt>Состояние</dt>
          <dd>{caption(CASE_STATE_CAPTIONS, kase.state)}</dd>
        </div>
        <div className="field">
          <dt>Поступило</dt>
          <dd>
            {formatDate(kase.receivedOn)}, {caption(SOURCE_CAPTIONS, kase.sourceKind)}, {caption(URGENCY_CAPTIONS, kase.urgency)}
          </dd>
        </div>
        <div className="field">
          <dt>Срок проверки</dt>
          <dd>{kase.checkDue ? `${formatDate(kase.checkDue)} (${kase.state === 'CHECKING' ? formatDaysLeft(today, kase.checkDue, CALENDAR) : 'проверка завершена'})` : 'не назначена'}</dd>
        </div>
      </dl>
      <h2>Проверки</h2>
      {(kase.checks ?? []).length === 0 ? (
        <p>Проверка не назначена.</p>
      ) : (
        <ul>
          {kase.checks!.map((c, i) => (
            <li key={i}>
              {formatDate(c.assignedOn)}: {c.organisations.map((o) => o.name).join('; ')}, срок {formatDate(c.dueOn)}
            </li>
          ))}
        </ul>
      )}
      <h2>Заключения</h2>
      {(kase.conclusions ?? []).length === 0 ? (
        <p>Заключений нет.</p>
      ) : (
        <ul>
          {kase.conclusions!.map((c, i) => (
            <li key={i}>
              {c.kindCaption} ({c.organisation?.name ?? '—'}, {formatDate(c.recordedOn)}){c.current ? '' : ' — возвращено'}
            </li>
          ))}
        </ul>
      )}
      <h2>Постановления</h2>
      {(kase.resolutions ?? []).length === 0 ? (
        <p>Постановлений нет.</p>
      ) : (
        <ul>
          {kase.resolutions!.map((r, i) => (
            <li key={i}>
              № {r.number} от {formatDate(r.date)}: {r.kindCaption}
              {r.termEndsOn ? `, срок работы до ${formatDate(r.termEndsOn)}` : ''}
            </li>
          ))}
        </ul>
      )}
      {kase.allowedActions.includes('recordResolution') && mayOpen(person, ['kdn_secretary', 'kdn_chair']) ? <ResolutionForm caseId={kase.id} today={today} /> : null}
      <h2>Программа</h2>
      {kase.programme.length === 0 ? (
        <p>Строк программы нет.</p>
      ) : (
        <table>
          <caption>Индивидуальная программа</caption>
          <thead>
            <tr>
              <th scope="col">№</th>
              <th scope="col">Мероприятие</th>
              <th scope="col">Исполнитель</th>
              <th scope="col">Срок</th>
              <th scope="col">Состояние</th>
            </tr>
          </thead>
          <tbody>
            {kase.programme.map((row) => (
              <tr key={row.id} className={row.overdue ? 'overdue' : undefined}>
                <td>{row.rowNo}</td>
                <td>{row.measure}</td>
                <td>{row.executorOrganisationName ?? caption(AGENCY_CAPTIONS, row.executorAgency)}</td>
                <td>
                  {formatDate(row.dueDate)}
                  {row.overdue ? ' (просрочено)' : ''}
                </td>
                <td>{caption(MEASURE_STATUS_CAPTIONS, row.measureStatus)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Документы</h2>
      <div className="actions">
        {kase.conclusionDocument ? <DownloadButton label="Заключение (DOCX)" {...kase.conclusionDocument} content={kase.conclusionDocument.base64} /> : <span>Заключения для печати нет.</span>}
        {kase.programmeDocument ? <DownloadButton label="Программа (DOCX)" {...kase.programmeDocument} content={kase.programmeDocument.base64} /> : <span>Программы для печати нет.</span>}
      </div>
      <h2>История</h2>
      <ol className="history">
        {(kase.history ?? []).map((h) => (
          <li key={h.id}>
            {formatDateTime(h.at, zone)}: {h.caption}
            {h.actor ? ` — ${h.actor.username}${h.actor.organisation ? `, ${h.actor.organisation.name}` : ''}` : ''}
            {h.reason ? ` (${h.reason})` : ''}
          </li>
        ))}
      </ol>
    </article>
  );
}
