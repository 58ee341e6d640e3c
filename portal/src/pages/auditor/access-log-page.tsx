import { FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { useSession } from '../../app/session';
import { ErrorList, Loading } from '../../components/notices';
import type { AccessLogFilter } from '../../gql/graphql';
import { OUTCOME_CAPTIONS } from './audit-captions';
import { ACCESS_LOG } from './auditor.operations';
import { LogEntriesTable } from './log-entries-table';
import { periodFilter } from './log-period';
import { ZoneSelect } from './zone-select';

const PAGE = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Search of the access log by child, by person and by period; page by page, in the log's order. */
export function AccessLogPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const [zone, setZone] = useState(session.zone);
  const [childId, setChildId] = useState(params.get('child') ?? '');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [outcome, setOutcome] = useState('');
  const [filter, setFilter] = useState<AccessLogFilter | null>(null);
  const [after, setAfter] = useState<number[]>([0]);
  const badChild = childId.trim() !== '' && !UUID.test(childId.trim());
  const { data, errors, loading } = useQuery(ACCESS_LOG, { filter: filter ?? {}, first: PAGE, after: after[after.length - 1] }, { skip: !filter });

  const search = (event: FormEvent) => {
    event.preventDefault();
    if (badChild) return;
    setAfter([0]);
    setFilter({
      ...(childId.trim() ? { childId: childId.trim() } : {}),
      ...(actor.trim() ? { actor: actor.trim() } : {}),
      ...(outcome ? { outcome } : {}),
      ...periodFilter(from, to, zone),
    });
  };
  const entries = data?.accessLog ?? [];
  return (
    <section aria-labelledby="log-title">
      <h1 id="log-title">Журнал доступа</h1>
      <form onSubmit={search} className="panel" aria-label="Отбор записей журнала">
        <label htmlFor="log-child">Идентификатор ребёнка</label>
        <input id="log-child" value={childId} onChange={(e) => setChildId(e.target.value)} aria-invalid={badChild} aria-describedby="log-child-hint" />
        <small id="log-child-hint" className={badChild ? 'withheld' : undefined}>
          {badChild ? 'Идентификатор ребёнка — UUID из карточки или из журнала' : 'Пусто — по всем детям'}
        </small>
        <label htmlFor="log-actor">Сотрудник (имя пользователя или sub)</label>
        <input id="log-actor" value={actor} onChange={(e) => setActor(e.target.value)} />
        <label htmlFor="log-from">С даты</label>
        <input id="log-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor="log-to">По дату</label>
        <input id="log-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <label htmlFor="log-outcome">Итог</label>
        <select id="log-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          <option value="">любой</option>
          {Object.entries(OUTCOME_CAPTIONS).map(([code, text]) => (
            <option key={code} value={code}>
              {text}
            </option>
          ))}
        </select>
        <ZoneSelect id="log-zone" zone={zone} onChange={setZone} />
        <button type="submit" disabled={badChild}>
          Найти
        </button>
      </form>
      <ErrorList errors={errors} />
      {!filter ? null : loading ? (
        <Loading what="записи журнала" />
      ) : (
        <>
          <p role="status">
            {entries.length === 0 ? 'Записей не найдено.' : `Найдено записей на странице: ${entries.length}.`}
            {filter.childId && entries.length > 0 ? (
              <>
                {' '}
                <Link to={`/audit/subject?child=${encodeURIComponent(filter.childId)}`}>Отчёт о доступе к данным этого ребёнка</Link>
              </>
            ) : null}
          </p>
          {entries.length > 0 ? <LogEntriesTable entries={entries} zone={zone} title="Записи журнала доступа" /> : null}
          <div className="pager">
            <button type="button" disabled={after.length === 1} onClick={() => setAfter((a) => a.slice(0, -1))}>
              Предыдущая страница
            </button>
            <button type="button" disabled={entries.length < PAGE} onClick={() => setAfter((a) => [...a, entries[entries.length - 1].position])}>
              Следующая страница
            </button>
          </div>
        </>
      )}
    </section>
  );
}
