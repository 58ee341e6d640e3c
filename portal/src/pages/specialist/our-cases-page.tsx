import { Link } from 'react-router-dom';
import { ErrorList, Loading } from '../../components/notices';
import { CASE_STATE_CAPTIONS, caption } from '../../format/captions';
import { formatDate } from '../../format/dates';
import { ChildAge, ChildName } from '../shared/child-name';
import { useOurCases } from './our-cases';

/** The cases our organisation takes part in. */
export function OurCasesPage() {
  const { data, errors, loading } = useOurCases();
  const cases = (data?.kdnCasesConnection.edges ?? []).flatMap((e) => (e.node ? [e.node] : []));
  return (
    <section aria-labelledby="our-cases-title">
      <h1 id="our-cases-title">Дела с нашим участием</h1>
      <ErrorList errors={errors} />
      {loading ? (
        <Loading what="дела" />
      ) : cases.length === 0 ? (
        <p>Дел с участием организации нет.</p>
      ) : (
        <table>
          <caption>Дела КДН, в которых участвует организация</caption>
          <thead>
            <tr>
              <th scope="col">Номер</th>
              <th scope="col">Ребёнок</th>
              <th scope="col">Возраст</th>
              <th scope="col">Поступило</th>
              <th scope="col">Состояние</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/cases/${encodeURIComponent(c.number)}`}>{c.number}</Link>
                </td>
                <td>{c.child && !c.child.redaction ? <Link to={`/children/${c.childId}`}>{c.child.fullName}</Link> : <ChildName child={c.child} />}</td>
                <td>
                  <ChildAge child={c.child} />
                </td>
                <td>{formatDate(c.receivedOn)}</td>
                <td>{caption(CASE_STATE_CAPTIONS, c.state)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
