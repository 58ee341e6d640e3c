import { formatDateTime } from '../../format/dates';
import type { RegionTimeZone } from '../../format/time-zones';
import { AGENCY_CAPTIONS, CATEGORY_CAPTIONS, caption } from '../../format/captions';
import { OUTCOME_CAPTIONS, PURPOSE_CAPTIONS, ROLE_CAPTIONS } from './audit-captions';

export interface LogEntryRow {
  position: number;
  at: string;
  username: string;
  roles?: readonly string[];
  agency?: string | null;
  service: string;
  purpose?: string | null;
  caseNumber?: string | null;
  outcome: string;
  categories: readonly string[];
  fields?: readonly string[];
  denied?: readonly string[];
  basis?: readonly string[];
  emergency?: boolean;
  requestId?: string;
}

/** Entries of the access log: who, when, through which service, why, what was shown or refused. */
export function LogEntriesTable({ entries, zone, title }: { entries: readonly LogEntryRow[]; zone: RegionTimeZone; title: string }) {
  return (
    <table className="log-entries">
      <caption>
        {title} ({zone.caption})
      </caption>
      <thead>
        <tr>
          <th scope="col">№</th>
          <th scope="col">Время</th>
          <th scope="col">Сотрудник</th>
          <th scope="col">Ведомство (сервис)</th>
          <th scope="col">Цель</th>
          <th scope="col">Итог</th>
          <th scope="col">Данные</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.position} data-position={e.position} className={e.emergency ? 'overdue' : undefined}>
            <td>{e.position}</td>
            <td>{formatDateTime(e.at, zone)}</td>
            <td>
              {e.username}
              {e.roles?.length ? <small> ({e.roles.map((r) => caption(ROLE_CAPTIONS, r)).join(', ')})</small> : null}
            </td>
            <td>
              {e.agency ? caption(AGENCY_CAPTIONS, e.agency.toUpperCase()) : '—'} ({e.service})
            </td>
            <td>
              {caption(PURPOSE_CAPTIONS, e.purpose)}
              {e.caseNumber ? <small>, дело {e.caseNumber}</small> : null}
              {e.emergency ? <strong> Экстренный доступ</strong> : null}
            </td>
            <td>
              {caption(OUTCOME_CAPTIONS, e.outcome)}
              {e.denied?.length ? <small> — отказано: {e.denied.join(', ')}</small> : null}
            </td>
            <td>
              {e.categories.map((c) => caption(CATEGORY_CAPTIONS, c)).join(', ') || '—'}
              {e.fields?.length ? (
                <details>
                  <summary>поля ({e.fields.length})</summary>
                  <small>{e.fields.join(', ')}</small>
                </details>
              ) : null}
              {e.requestId ? <div className="request-id">Номер запроса: {e.requestId}</div> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
