import { FormEvent, useMemo, useState } from 'react';
import { useQuery } from '../../api/hooks';
import { useSession } from '../../app/session';
import { BarChart } from '../../charts/bar-chart';
import { LineChart } from '../../charts/line-chart';
import { CSV, DownloadButton, XLSX } from '../../components/download-button';
import { ErrorList, Loading } from '../../components/notices';
import { formatDate, todayIn } from '../../format/dates';
import { KDN_ROLES } from '../portal-route';
import { MONITORING_REPORT } from './monitoring.operations';
import { checksAndConclusions, lastMonths, messagesBySource, monthsBetween } from './monitoring-series';
import { useMonthlyReports } from './use-monthly-reports';

/** The data bank's operator may state only DATA_BANK; the commission reads the report for its prevention work. */
function purposeFor(roles: readonly string[]): string {
  return roles.some((r) => (KDN_ROLES as readonly string[]).includes(r)) ? 'INDIVIDUAL_PREVENTION' : 'DATA_BANK';
}

/** The monitoring report (Primorsky appendix 4) as charts over months, the figures beneath each chart, and the period's table. */
export function MonitoringPage() {
  const { organisation, person, zone } = useSession();
  const purpose = purposeFor(person.roles);
  const today = todayIn(zone);
  const territories = organisation?.territories ?? [];
  const initial = lastMonths(today, 6);
  const [municipality, setMunicipality] = useState(territories[0] ?? '');
  const [from, setFrom] = useState(initial.from);
  const [to, setTo] = useState(initial.to);
  const [asked, setAsked] = useState<{ municipality: string; from: string; to: string } | null>(null);
  const months = useMemo(() => (asked ? monthsBetween(asked.from, asked.to) : []), [asked]);
  const monthly = useMonthlyReports(asked?.municipality ?? '', months, purpose, !asked);
  const period = useQuery(
    MONITORING_REPORT,
    { municipality: asked?.municipality ?? '', from: months[0]?.from ?? '', to: months[months.length - 1]?.to ?? '' },
    { skip: !asked || months.length === 0, purpose },
  );
  const bySource = useMemo(() => (monthly.figures ? messagesBySource(monthly.figures) : null), [monthly.figures]);
  const checks = useMemo(() => (monthly.figures ? checksAndConclusions(monthly.figures) : null), [monthly.figures]);
  const wrongOrder = from > to;

  const build = (event: FormEvent) => {
    event.preventDefault();
    if (!wrongOrder) setAsked({ municipality, from, to });
  };
  const report = period.data?.monitoringReport;
  return (
    <section aria-labelledby="monitoring-title">
      <h1 id="monitoring-title">Мониторинг</h1>
      <form onSubmit={build} className="panel" aria-label="Период отчёта">
        <label htmlFor="mon-municipality">Муниципальное образование (ОКТМО)</label>
        <select id="mon-municipality" value={municipality} onChange={(e) => setMunicipality(e.target.value)}>
          {territories.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <label htmlFor="mon-from">С месяца</label>
        <input id="mon-from" type="month" value={from} onChange={(e) => setFrom(e.target.value)} required />
        <label htmlFor="mon-to">По месяц</label>
        <input id="mon-to" type="month" value={to} onChange={(e) => setTo(e.target.value)} required aria-describedby="mon-hint" />
        <p id="mon-hint" className={wrongOrder ? 'notice notice-error' : 'hint'} role={wrongOrder ? 'alert' : undefined}>
          {wrongOrder ? 'Конец периода раньше начала.' : 'Не более 24 месяцев; отчёт строится по месяцам.'}
        </p>
        <button type="submit" disabled={wrongOrder || !municipality}>
          Построить
        </button>
      </form>
      {!asked ? null : (
        <>
          <ErrorList errors={monthly.errors} />
          {monthly.loading ? <Loading what="отчёты по месяцам" /> : null}
          {bySource ? (
            bySource.series.length === 0 ? (
              <p>За период сообщений не поступало.</p>
            ) : (
              <LineChart
                title="Сообщения по источникам, по месяцам"
                description={`Число сообщений о детях, нуждающихся в защите, по источнику, с ${months[0].caption} по ${months[months.length - 1].caption}`}
                data={bySource}
                unit="сообщений"
              />
            )
          ) : null}
          {checks ? (
            <BarChart
              title="Проверки сигналов и выводы заключений, по месяцам"
              description="Проведено проверок и выводы заключений по их результатам: благоприятная обстановка, ранняя стадия неблагополучия, социально опасное положение"
              data={checks}
              unit="проверок и заключений"
            />
          ) : null}
          <h2>Отчёт за период</h2>
          <ErrorList errors={period.errors} />
          {period.loading ? <Loading what="отчёт за период" /> : null}
          {report ? (
            <>
              <div className="actions">
                <span>
                  {formatDate(report.from)} — {formatDate(report.to)}
                </span>
                <DownloadButton label="Скачать XLSX" fileName={`мониторинг-${asked.municipality}-${report.from}-${report.to}.xlsx`} contentType={XLSX} content={report.xlsxBase64} />
                <DownloadButton label="Скачать CSV" fileName={`мониторинг-${asked.municipality}-${report.from}-${report.to}.csv`} contentType={CSV} content={report.csv} encoding="text" />
              </div>
              <table>
                <caption>Мониторинг (Приморский край, приложение 4)</caption>
                <thead>
                  <tr>
                    <th scope="col">№</th>
                    <th scope="col">Показатель</th>
                    <th scope="col">Сообщений</th>
                    <th scope="col">Количество</th>
                    <th scope="col">Пояснение</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((r) => (
                    <tr key={r.code}>
                      <td>{r.code}</td>
                      <td>{r.caption}</td>
                      <td className="number">{r.messages ?? ''}</td>
                      <td className="number">{r.value ?? ''}</td>
                      <td>{r.note ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </>
      )}
    </section>
  );
}
