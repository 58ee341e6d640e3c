import { FormEvent, useState } from 'react';
import { useQuery } from '../../api/hooks';
import { useSession } from '../../app/session';
import { CSV, DownloadButton, XLSX } from '../../components/download-button';
import { ErrorList, Loading } from '../../components/notices';
import { formatDate, todayIn } from '../../format/dates';
import { QUARTERLY_LIST } from '../secretary/secretary.operations';
import { RECONCILIATION } from './operator.operations';
import { DISCREPANCY_CAPTIONS } from './operator-captions';
import { AGENCY_CAPTIONS, caption } from '../../format/captions';

export function quarterOf(date: string): number {
  return Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
}

/** Territory, year and quarter: the same choice for the quarterly list and the reconciliation. */
function QuarterForm({ idPrefix, onSubmit, submitLabel }: { idPrefix: string; onSubmit: (q: { municipality: string; year: number; quarter: number }) => void; submitLabel: string }) {
  const { organisation, zone } = useSession();
  const today = todayIn(zone);
  const territories = organisation?.territories ?? [];
  const [municipality, setMunicipality] = useState(territories[0] ?? '');
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [quarter, setQuarter] = useState(quarterOf(today));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({ municipality, year, quarter });
  };
  return (
    <form onSubmit={submit} className="panel" aria-label="Территория и квартал">
      <label htmlFor={`${idPrefix}-municipality`}>Муниципальное образование (ОКТМО)</label>
      <select id={`${idPrefix}-municipality`} value={municipality} onChange={(e) => setMunicipality(e.target.value)}>
        {territories.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <label htmlFor={`${idPrefix}-year`}>Год</label>
      <input id={`${idPrefix}-year`} type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} />
      <label htmlFor={`${idPrefix}-quarter`}>Квартал</label>
      <select id={`${idPrefix}-quarter`} value={quarter} onChange={(e) => setQuarter(Number(e.target.value))}>
        {[1, 2, 3, 4].map((q) => (
          <option key={q} value={q}>
            {q}
          </option>
        ))}
      </select>
      <button type="submit" disabled={!municipality}>
        {submitLabel}
      </button>
    </form>
  );
}

/** The quarterly list of the register (the operator's report to the commission), shown and downloadable. */
export function QuarterlyPage() {
  const [asked, setAsked] = useState<{ municipality: string; year: number; quarter: number } | null>(null);
  const { data, errors, loading } = useQuery(QUARTERLY_LIST, asked ?? { municipality: '', year: 0, quarter: 1 }, { skip: !asked });
  const list = data?.quarterlyRegisterList;
  return (
    <section aria-labelledby="quarterly-title">
      <h1 id="quarterly-title">Квартальный список</h1>
      <QuarterForm idPrefix="ql" onSubmit={setAsked} submitLabel="Подготовить список" />
      <ErrorList errors={errors} />
      {loading ? <Loading what="список" /> : null}
      {asked && list ? (
        <>
          <div className="actions">
            <span>
              {formatDate(list.from)} — {formatDate(list.to)}
            </span>
            <DownloadButton label="Скачать XLSX" fileName={`квартальный-список-${asked.municipality}-${asked.year}-${asked.quarter}.xlsx`} contentType={XLSX} content={list.xlsxBase64} />
            <DownloadButton label="Скачать CSV" fileName={`квартальный-список-${asked.municipality}-${asked.year}-${asked.quarter}.csv`} contentType={CSV} content={list.csv} encoding="text" />
          </div>
          {list.notes.map((n, i) => (
            <p key={i}>{n}</p>
          ))}
        </>
      ) : null}
    </section>
  );
}

/** The register held against the agencies' own registrations: what is missing where, by agency. */
export function ReconciliationPage() {
  const [asked, setAsked] = useState<{ municipality: string; year: number; quarter: number } | null>(null);
  const { data, errors, loading } = useQuery(RECONCILIATION, asked ?? { municipality: '', year: 0, quarter: 1 }, { skip: !asked });
  const r = data?.registerReconciliation;
  return (
    <section aria-labelledby="recon-title">
      <h1 id="recon-title">Сверка с ведомствами</h1>
      <QuarterForm idPrefix="rc" onSubmit={setAsked} submitLabel="Сверить" />
      <ErrorList errors={errors} />
      {loading ? <Loading what="сверка" /> : null}
      {asked && r ? (
        <>
          <div className="actions">
            <span>На {formatDate(r.asOf)}</span>
            <DownloadButton label="Скачать XLSX" fileName={`сверка-${asked.municipality}-${asked.year}-${asked.quarter}.xlsx`} contentType={XLSX} content={r.xlsxBase64} />
            <DownloadButton label="Скачать CSV" fileName={`сверка-${asked.municipality}-${asked.year}-${asked.quarter}.csv`} contentType={CSV} content={r.csv} encoding="text" />
          </div>
          <table>
            <caption>Итоги по ведомствам</caption>
            <thead>
              <tr>
                <th scope="col">Ведомство</th>
                <th scope="col">Нет учёта в ведомстве</th>
                <th scope="col">Нет в банке данных</th>
                <th scope="col">Снят в банке, учёт открыт</th>
                <th scope="col">Всего</th>
              </tr>
            </thead>
            <tbody>
              {r.summary.map((s) => (
                <tr key={s.agency}>
                  <th scope="row">{caption(AGENCY_CAPTIONS, s.agency)}</th>
                  <td className="number">{s.missingRegistration}</td>
                  <td className="number">{s.notInRegister}</td>
                  <td className="number">{s.removedButOpen}</td>
                  <td className="number">{s.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.rows.length === 0 ? (
            <p role="status">Расхождений нет.</p>
          ) : (
            <table>
              <caption>Расхождения</caption>
              <thead>
                <tr>
                  <th scope="col">Ребёнок</th>
                  <th scope="col">Ведомство</th>
                  <th scope="col">Расхождение</th>
                  <th scope="col">Учёт ведомства</th>
                  <th scope="col">Банк данных</th>
                  <th scope="col">Пояснение</th>
                </tr>
              </thead>
              <tbody>
                {r.rows.map((d, i) => (
                  <tr key={i}>
                    <td>
                      {d.childFullName} ({formatDate(d.childBirthDate)}){d.caseNumber ? <small>, дело {d.caseNumber}</small> : null}
                    </td>
                    <td>{caption(AGENCY_CAPTIONS, d.agency)}</td>
                    <td>{caption(DISCREPANCY_CAPTIONS, d.kind)}</td>
                    <td>
                      {d.registrationKind ?? '—'} {d.agencyRegisteredOn ? `с ${formatDate(d.agencyRegisteredOn)}` : ''}
                    </td>
                    <td>
                      {d.bankIncludedOn ? `с ${formatDate(d.bankIncludedOn)}` : '—'}
                      {d.bankRemovedOn ? `, снят ${formatDate(d.bankRemovedOn)}` : ''}
                    </td>
                    <td>{d.explanation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {r.notes.map((n, i) => (
            <p key={i}>{n}</p>
          ))}
        </>
      ) : null}
    </section>
  );
}
