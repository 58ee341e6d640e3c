import { FormEvent, useState } from 'react';
import { useMutation } from '../../api/hooks';
import { ErrorList } from '../../components/notices';
import { AGENCY_CAPTIONS, RESOLUTION_CAPTIONS } from '../../format/captions';
import type { Agency, ResolutionKind } from '../../gql/graphql';
import { RECORD_RESOLUTION } from './secretary.operations';

const LEADS: Agency[] = ['SOCIAL', 'EDUCATION', 'HEALTH', 'POLICE', 'GUARDIANSHIP'];

/** The commission's resolution on a concluded check. */
export function ResolutionForm({ caseId, today }: { caseId: string; today: string }) {
  const [kind, setKind] = useState<ResolutionKind>('INDIVIDUAL_WORK');
  const [number, setNumber] = useState('');
  const [date, setDate] = useState(today);
  const [leadAgency, setLeadAgency] = useState<Agency>('SOCIAL');
  const [termMonths, setTermMonths] = useState(6);
  const [curator, setCurator] = useState('');
  const [record, state] = useMutation(RECORD_RESOLUTION);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const work = kind !== 'NO_INTERAGENCY_WORK';
    void record({ caseId, input: { kind, number, date, ...(work ? { leadAgency, termMonths, curator: curator || null } : {}) } });
  };
  if (state.done && state.data) return <p role="status">Постановление № {number} записано.</p>;
  return (
    <form onSubmit={submit} className="panel" aria-labelledby="resolution-title">
      <h2 id="resolution-title">Постановление КДН</h2>
      <label htmlFor="res-kind">Решение</label>
      <select id="res-kind" value={kind} onChange={(e) => setKind(e.target.value as ResolutionKind)}>
        {Object.entries(RESOLUTION_CAPTIONS).map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </select>
      <label htmlFor="res-number">Номер постановления</label>
      <input id="res-number" required value={number} onChange={(e) => setNumber(e.target.value)} />
      <label htmlFor="res-date">Дата постановления</label>
      <input id="res-date" type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
      {kind !== 'NO_INTERAGENCY_WORK' ? (
        <>
          <label htmlFor="res-lead">Основное ведомство</label>
          <select id="res-lead" value={leadAgency} onChange={(e) => setLeadAgency(e.target.value as Agency)}>
            {LEADS.map((a) => (
              <option key={a} value={a}>
                {AGENCY_CAPTIONS[a]}
              </option>
            ))}
          </select>
          <label htmlFor="res-term">Срок работы, месяцев</label>
          <input id="res-term" type="number" min={1} max={36} value={termMonths} onChange={(e) => setTermMonths(Number(e.target.value))} />
          <label htmlFor="res-curator">Куратор (учётная запись)</label>
          <input id="res-curator" value={curator} onChange={(e) => setCurator(e.target.value)} />
        </>
      ) : null}
      <ErrorList errors={state.errors} />
      <button type="submit" disabled={state.running}>
        Записать постановление
      </button>
    </form>
  );
}
