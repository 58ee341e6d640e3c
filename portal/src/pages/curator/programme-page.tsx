import { FormEvent, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useMutation, useQuery } from '../../api/hooks';
import { ErrorList, Loading } from '../../components/notices';
import { AGENCY_CAPTIONS, CASE_STATE_CAPTIONS, MEASURE_STATUS_CAPTIONS, caption } from '../../format/captions';
import { formatAge, formatDate } from '../../format/dates';
import { composeInput, Decision, programmeState } from './compose-decisions';
import { COMPOSE_PROGRAMME, CURATOR_CASE } from './curator.operations';

const PROPOSAL_STATUS: Record<string, string> = { PROPOSED: 'не рассмотрено', ACCEPTED: 'включено', DECLINED: 'не включено' };

type Proposal = { id: string; organisationType: string; problem: string; task: string; measure: string; dueDate: string; proposedBy?: string | null };

function DecisionControls({ proposal, decision, problem, onChange }: { proposal: Proposal; decision: Decision; problem?: string; onChange: (d: Decision) => void }) {
  const name = `decision-${proposal.id}`;
  return (
    <fieldset className="decision">
      <legend>Решение по предложению «{proposal.measure}»</legend>
      <label className="check">
        <input type="radio" name={name} checked={decision.kind === 'undecided'} onChange={() => onChange({ kind: 'undecided' })} /> Отложить
      </label>
      <label className="check">
        <input type="radio" name={name} checked={decision.kind === 'accept'} onChange={() => onChange({ kind: 'accept' })} /> Включить
      </label>
      <label className="check">
        <input type="radio" name={name} checked={decision.kind === 'decline'} onChange={() => onChange({ kind: 'decline', reason: '' })} /> Не включать
      </label>
      {decision.kind === 'accept' ? (
        <>
          <label htmlFor={`${name}-due`}>Срок (если иной, чем предложен)</label>
          <input id={`${name}-due`} type="date" value={decision.dueDate ?? proposal.dueDate} onChange={(e) => onChange({ ...decision, dueDate: e.target.value })} />
          <label htmlFor={`${name}-measure`}>Мероприятие (формулировка куратора)</label>
          <input id={`${name}-measure`} value={decision.measure ?? proposal.measure} onChange={(e) => onChange({ ...decision, measure: e.target.value })} />
        </>
      ) : null}
      {decision.kind === 'decline' ? (
        <>
          <label htmlFor={`${name}-reason`}>Причина (увидит предложившая организация)</label>
          <textarea id={`${name}-reason`} rows={2} value={decision.reason} onChange={(e) => onChange({ kind: 'decline', reason: e.target.value })} aria-invalid={!!problem} />
        </>
      ) : null}
      {problem ? (
        <p role="alert" className="withheld">
          {problem}
        </p>
      ) : null}
    </fieldset>
  );
}

/** A case's programme: its rows and their state, and the draft composed from the organisations' proposals. */
export function CuratorProgrammePage() {
  const { id = '' } = useParams();
  const { data, errors, loading } = useQuery(CURATOR_CASE, { id });
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [compose, composed] = useMutation(COMPOSE_PROGRAMME);
  if (loading) return <Loading what="дело" />;
  const kase = data?.kdnCase;
  const proposals = data?.programmeProposals ?? [];
  const open = proposals.filter((p) => p.status === 'PROPOSED');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = composeInput(decisions, open);
    setProblems(check.problems);
    if (Object.keys(check.problems).length > 0 || !kase) return;
    const result = await compose({ caseId: kase.id, ...check.input });
    if (result.data && result.errors.length === 0) setDecisions({});
  };

  return (
    <section aria-labelledby="curator-case-title">
      <h1 id="curator-case-title">{kase ? `Дело № ${kase.number}: программа` : 'Программа'}</h1>
      <ErrorList errors={errors} />
      {!kase ? null : (
        <>
          <p>
            {kase.child?.fullName ?? '—'}
            {kase.child?.age != null ? `, ${formatAge(kase.child.age)}` : ''}. Состояние: {caption(CASE_STATE_CAPTIONS, kase.state)}. Программа: {programmeState(kase.programme)}
            {kase.programmeApproval ? `, утверждена ${formatDate(kase.programmeApproval.approvedOn)} (редакция ${kase.programmeVersion})` : ', проект'}.
          </p>
          <table>
            <caption>Строки программы</caption>
            <thead>
              <tr>
                <th scope="col">№</th>
                <th scope="col">Проблема / задача</th>
                <th scope="col">Мероприятие</th>
                <th scope="col">Исполнитель</th>
                <th scope="col">Срок</th>
                <th scope="col">Состояние</th>
              </tr>
            </thead>
            <tbody>
              {kase.programme.length === 0 ? (
                <tr>
                  <td colSpan={6}>Строк пока нет.</td>
                </tr>
              ) : (
                kase.programme.map((r) => (
                  <tr key={r.id} className={r.overdue ? 'overdue' : undefined}>
                    <td>{r.rowNo}</td>
                    <td>
                      {r.problem}
                      <br />
                      <small>{r.task}</small>
                    </td>
                    <td>{r.measure}</td>
                    <td>{r.executorOrganisationName ?? caption(AGENCY_CAPTIONS, r.executorAgency)}</td>
                    <td>{formatDate(r.dueDate)}</td>
                    <td>
                      {r.cancelled
                        ? `отменено${r.cancelReason ? `: ${r.cancelReason}` : ''}`
                        : r.doneOn
                          ? `исполнено ${formatDate(r.doneOn)}`
                          : r.overdue
                            ? 'просрочено'
                            : caption(MEASURE_STATUS_CAPTIONS, r.measureStatus ?? 'PLANNED')}
                      {r.result ? (
                        <div>
                          <small>{r.result}</small>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
          <h2>Предложения организаций</h2>
          {proposals.length === 0 ? <p>Предложений не поступало.</p> : null}
          {proposals.filter((p) => p.status !== 'PROPOSED').length > 0 ? (
            <table>
              <caption>Рассмотренные предложения</caption>
              <thead>
                <tr>
                  <th scope="col">Организация</th>
                  <th scope="col">Мероприятие</th>
                  <th scope="col">Решение</th>
                </tr>
              </thead>
              <tbody>
                {proposals
                  .filter((p) => p.status !== 'PROPOSED')
                  .map((p) => (
                    <tr key={p.id}>
                      <td>{caption(AGENCY_CAPTIONS, p.organisationType)}</td>
                      <td>{p.measure}</td>
                      <td>
                        {caption(PROPOSAL_STATUS, p.status)}
                        {p.rowNo ? `, строка ${p.rowNo}` : ''}
                        {p.declineReason ? `: ${p.declineReason}` : ''}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          ) : null}
          {open.length > 0 ? (
            <form onSubmit={submit} className="panel" aria-label="Составление проекта программы">
              <h3>Составить проект программы из предложений</h3>
              {open.map((p) => (
                <article key={p.id} className="proposal">
                  <p>
                    <strong>{caption(AGENCY_CAPTIONS, p.organisationType)}</strong>
                    {p.proposedBy ? ` (${p.proposedBy})` : ''}: {p.problem} → {p.task} → <em>{p.measure}</em>, срок {formatDate(p.dueDate)}
                  </p>
                  <DecisionControls proposal={p} decision={decisions[p.id] ?? { kind: 'undecided' }} problem={problems[p.id]} onChange={(d) => setDecisions((all) => ({ ...all, [p.id]: d }))} />
                </article>
              ))}
              {problems[''] ? (
                <p role="alert" className="notice notice-error">
                  {problems['']}
                </p>
              ) : null}
              <button type="submit" disabled={composed.running}>
                Составить проект программы
              </button>
              <ErrorList errors={composed.errors} />
            </form>
          ) : null}
          {composed.done && composed.errors.length === 0 && composed.data ? (
            <p role="status" className="notice notice-ok">
              Проект составлен: включено {composed.data.composeProgramme.filter((p) => p.status === 'ACCEPTED').length}, не включено{' '}
              {composed.data.composeProgramme.filter((p) => p.status === 'DECLINED').length}.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
