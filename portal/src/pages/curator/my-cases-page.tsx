import { Link } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { useSession } from '../../app/session';
import { ErrorList, Loading } from '../../components/notices';
import { CASE_STATE_CAPTIONS, CATEGORY_CAPTIONS, REASON_CAPTIONS, caption } from '../../format/captions';
import { formatAge, formatDate } from '../../format/dates';
import { programmeState } from './compose-decisions';
import { CURATOR_CASES } from './curator.operations';

/** The cases the logged-in curator leads, each with its programme's state. */
export function MyCasesPage() {
  const { person } = useSession();
  const { data, errors, loading } = useQuery(CURATOR_CASES, { filter: { curator: person.username }, first: 100 });
  const cases = (data?.kdnCasesConnection.edges ?? []).flatMap((e) => (e.node ? [e.node] : []));
  return (
    <section aria-labelledby="my-cases-title">
      <h1 id="my-cases-title">Мои дела</h1>
      <ErrorList errors={errors} />
      {loading ? (
        <Loading what="дела" />
      ) : cases.length === 0 ? (
        <p role="status">Дел, где вы куратор, нет.</p>
      ) : (
        <table>
          <caption>Дела, в которых вы куратор случая</caption>
          <thead>
            <tr>
              <th scope="col">Дело</th>
              <th scope="col">Ребёнок</th>
              <th scope="col">Состояние</th>
              <th scope="col">Программа</th>
              <th scope="col">Срок работы</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} className={c.programme.some((r) => r.overdue) ? 'overdue' : undefined}>
                <td>
                  <Link to={`/curator/cases/${encodeURIComponent(c.id)}`}>{c.number}</Link>
                </td>
                <td>
                  {c.child?.redaction ? (
                    <span className="withheld">
                      Скрыто ({caption(CATEGORY_CAPTIONS, c.child.redaction.category)}): {caption(REASON_CAPTIONS, c.child.redaction.reason)}
                    </span>
                  ) : (
                    <>
                      {c.child?.fullName ?? '—'}, {formatAge(c.child?.age)}
                    </>
                  )}
                </td>
                <td>{caption(CASE_STATE_CAPTIONS, c.state)}</td>
                <td>
                  {programmeState(c.programme)}
                  {c.programmeApproval ? <small> (утверждена {formatDate(c.programmeApproval.approvedOn)})</small> : c.programme.length ? <small> (проект)</small> : null}
                </td>
                <td>{formatDate(c.termEndsOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
