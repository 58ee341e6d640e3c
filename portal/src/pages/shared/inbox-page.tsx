import { useState } from 'react';
import { useMutation, useQuery } from '../../api/hooks';
import { ErrorList, Loading } from '../../components/notices';
import { formatDateTime } from '../../format/dates';
import { useSession } from '../../app/session';
import { INBOX, MARK_READ } from '../secretary/secretary.operations';

/** Events addressed to the organisation and the person, in order, with read marks. */
export function InboxPage() {
  const { zone } = useSession();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { data, errors, loading } = useQuery(INBOX, { first: 50, unreadOnly, after: null });
  const [markRead, marking] = useMutation(MARK_READ);
  const inbox = data?.inbox;
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">Входящие</h1>
      <div className="toolbar">
        <label>
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> Только непрочитанные
        </label>
        <span role="status">Непрочитанных: {inbox?.unreadCount ?? '—'}</span>
        <button type="button" disabled={!inbox?.endCursor || marking.running} onClick={() => void markRead({ upTo: inbox!.endCursor, ids: null })}>
          Отметить все показанные прочитанными
        </button>
      </div>
      <ErrorList errors={[...errors, ...marking.errors]} />
      {loading ? (
        <Loading what="входящие" />
      ) : (inbox?.notifications ?? []).length === 0 ? (
        <p>Уведомлений нет.</p>
      ) : (
        <ul className="inbox">
          {inbox!.notifications.map((n) => (
            <li key={n.id} className={n.read ? 'read' : 'unread'}>
              <span>{formatDateTime(n.createdAt, zone)}</span> {n.read ? '' : <strong>новое </strong>}
              {n.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
