import { FormEvent, useState } from 'react';
import { useMutation } from '../../api/hooks';
import { ErrorList } from '../../components/notices';
import { MEASURE_KIND_CAPTIONS } from '../../format/captions';
import type { MeasureKind, RecordMeasureInput } from '../../gql/graphql';
import { RECORD_EDUCATION_MEASURE, RECORD_GUARDIANSHIP_MEASURE, RECORD_HEALTH_MEASURE, RECORD_POLICE_MEASURE, RECORD_SOCIAL_MEASURE } from './specialist.operations';

export interface RowToRecord {
  programmeRowId: string;
  childId: string;
  measure: string;
  dueDate: string;
}

/** Each agency writes its measures under its own namespace; the hook for every one, the call for ours. */
function useRecordMeasure(agencyType: string) {
  const education = useMutation(RECORD_EDUCATION_MEASURE);
  const health = useMutation(RECORD_HEALTH_MEASURE);
  const police = useMutation(RECORD_POLICE_MEASURE);
  const social = useMutation(RECORD_SOCIAL_MEASURE);
  const guardianship = useMutation(RECORD_GUARDIANSHIP_MEASURE);
  const byAgency = { EDUCATION: education, HEALTH: health, POLICE: police, SOCIAL: social, GUARDIANSHIP: guardianship } as const;
  const chosen = byAgency[agencyType as keyof typeof byAgency];
  if (!chosen) return null;
  const [run, state] = chosen as [(v: { input: RecordMeasureInput }) => Promise<unknown>, { running: boolean; done: boolean; errors: (typeof education)[1]['errors']; data: unknown }];
  return { run, state };
}

/** Recording a measure our organisation carried out for a programme row assigned to us. */
export function RecordMeasureForm({
  row,
  agencyType,
  executorOrganisation,
  executorName,
  today,
  onDone,
}: {
  row: RowToRecord;
  agencyType: string;
  executorOrganisation: string;
  executorName: string;
  today: string;
  onDone: () => void;
}) {
  const [title, setTitle] = useState(row.measure);
  const [kind, setKind] = useState<MeasureKind>('PREVENTIVE_TALK');
  const [doneDate, setDoneDate] = useState(today);
  const [result, setResult] = useState('');
  const [key] = useState(() => crypto.randomUUID());
  const recorder = useRecordMeasure(agencyType);
  if (!recorder) return <p role="alert">Ваша организация не записывает мероприятия через хаб.</p>;
  const { run, state } = recorder;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run({
      input: {
        idempotencyKey: `portal-${key}`,
        childId: row.childId,
        programmeRowId: row.programmeRowId,
        title,
        kind,
        dueDate: row.dueDate,
        doneDate: doneDate || null,
        result: result || null,
        executor: { name: executorName, organisation: executorOrganisation },
      },
    });
  };
  if (state.done && state.data && state.errors.length === 0) {
    return (
      <div role="status" className="notice notice-ok">
        Мероприятие записано.{' '}
        <button type="button" onClick={onDone}>
          Закрыть
        </button>
      </div>
    );
  }
  return (
    <form onSubmit={submit} className="panel" aria-labelledby="measure-title">
      <h2 id="measure-title">Записать мероприятие</h2>
      <label htmlFor="m-title">Мероприятие</label>
      <input id="m-title" required value={title} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor="m-kind">Вид</label>
      <select id="m-kind" value={kind} onChange={(e) => setKind(e.target.value as MeasureKind)}>
        {Object.entries(MEASURE_KIND_CAPTIONS).map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </select>
      <label htmlFor="m-done">Дата исполнения</label>
      <input id="m-done" type="date" value={doneDate} onChange={(e) => setDoneDate(e.target.value)} />
      <label htmlFor="m-result">Результат</label>
      <textarea id="m-result" rows={2} value={result} onChange={(e) => setResult(e.target.value)} />
      <ErrorList errors={state.errors} />
      <div className="actions">
        <button type="submit" disabled={state.running}>
          Записать
        </button>
        <button type="button" onClick={onDone}>
          Отмена
        </button>
      </div>
    </form>
  );
}
