import { FormEvent, useState } from 'react';
import { useMutation, useQuery } from '../../api/hooks';
import { useSession } from '../../app/session';
import { ErrorList, Loading } from '../../components/notices';
import { EMERGENCY_FOR_REVIEW, REVIEW_EMERGENCY } from './auditor.operations';
import { LogEntriesTable } from './log-entries-table';

function ReviewForm({ emergencyId }: { emergencyId: string }) {
  const [note, setNote] = useState('');
  const [review, state] = useMutation(REVIEW_EMERGENCY);
  const id = `review-${emergencyId}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim()) void review({ emergencyId, note: note.trim() });
  };
  return (
    <form onSubmit={submit} aria-label={`Разбор экстренного доступа ${emergencyId}`}>
      <label htmlFor={id}>Заключение аудитора</label>
      <textarea id={id} rows={3} value={note} onChange={(e) => setNote(e.target.value)} required maxLength={4000} />
      <button type="submit" disabled={state.running || !note.trim()}>
        Отметить разобранным
      </button>
      <ErrorList errors={state.errors} />
    </form>
  );
}

/** Emergency accesses (threat to life) no auditor has reviewed yet, each with every request made on it. */
export function EmergencyPage() {
  const { zone } = useSession();
  const { data, errors, loading } = useQuery(EMERGENCY_FOR_REVIEW, {});
  const waiting = data?.emergencyAccessesAwaitingReview ?? [];
  return (
    <section aria-labelledby="emergency-title">
      <h1 id="emergency-title">Экстренные доступы на разбор</h1>
      <ErrorList errors={errors} />
      {loading ? (
        <Loading what="экстренные доступы" />
      ) : waiting.length === 0 ? (
        <p role="status">Неразобранных экстренных доступов нет.</p>
      ) : (
        waiting.map((w) => (
          <article key={w.emergencyId} className="panel" aria-labelledby={`em-${w.emergencyId}`}>
            <h2 id={`em-${w.emergencyId}`}>
              Экстренный доступ {w.emergencyId}: {w.entries[0]?.username ?? '—'}, обращений {w.entries.length}
            </h2>
            <LogEntriesTable entries={w.entries} zone={zone} title="Обращения на этом основании" />
            <ReviewForm emergencyId={w.emergencyId} />
          </article>
        ))
      )}
    </section>
  );
}
