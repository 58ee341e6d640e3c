import { FormEvent, useState } from 'react';
import { useQuery } from '../../api/hooks';
import { CSV, DownloadButton, XLSX } from '../../components/download-button';
import { ErrorList, Loading } from '../../components/notices';
import { formatDate, todayIn } from '../../format/dates';
import { useSession } from '../../app/session';
import { QUARTERLY_LIST, SIGNAL_JOURNAL_EXPORT } from './secretary.operations';

function quarterOf(date: string): number {
  return Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
}

/** The quarterly list of the data bank and the signal journal in the region's form, as the API prints them. */
export function DownloadsPage() {
  const { organisation, zone } = useSession();
  const today = todayIn(zone);
  const territories = organisation?.territories ?? [];
  const [municipality, setMunicipality] = useState(territories[0] ?? '');
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [quarter, setQuarter] = useState(quarterOf(today));
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [asked, setAsked] = useState<'list' | 'journal' | null>(null);
  const list = useQuery(QUARTERLY_LIST, { municipality, year, quarter }, { skip: asked !== 'list', purpose: 'DATA_BANK' });
  const journal = useQuery(SIGNAL_JOURNAL_EXPORT, { municipality, from, to }, { skip: asked !== 'journal' });
  const prepare = (what: 'list' | 'journal') => (event: FormEvent) => {
    event.preventDefault();
    setAsked(what);
  };
  return (
    <section aria-labelledby="downloads-title">
      <h1 id="downloads-title">Выгрузки</h1>
      <label htmlFor="dl-municipality">Муниципальное образование (ОКТМО)</label>
      <select id="dl-municipality" value={municipality} onChange={(e) => setMunicipality(e.target.value)}>
        {territories.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <form onSubmit={prepare('list')} className="panel">
        <h2>Квартальный список банка данных СОП</h2>
        <label htmlFor="dl-year">Год</label>
        <input id="dl-year" type="number" value={year} onChange={(e) => setYear(Number(e.target.value))} />
        <label htmlFor="dl-quarter">Квартал</label>
        <select id="dl-quarter" value={quarter} onChange={(e) => setQuarter(Number(e.target.value))}>
          {[1, 2, 3, 4].map((q) => (
            <option key={q} value={q}>
              {q}
            </option>
          ))}
        </select>
        <button type="submit">Подготовить список</button>
        {asked === 'list' && list.loading ? <Loading what="список" /> : null}
        <ErrorList errors={asked === 'list' ? list.errors : []} />
        {asked === 'list' && list.data ? (
          <div className="actions">
            <span>
              {formatDate(list.data.quarterlyRegisterList.from)} — {formatDate(list.data.quarterlyRegisterList.to)}
            </span>
            <DownloadButton label="Скачать XLSX" fileName={`квартальный-список-${municipality}-${year}-${quarter}.xlsx`} contentType={XLSX} content={list.data.quarterlyRegisterList.xlsxBase64} />
            <DownloadButton
              label="Скачать CSV"
              fileName={`квартальный-список-${municipality}-${year}-${quarter}.csv`}
              contentType={CSV}
              content={list.data.quarterlyRegisterList.csv}
              encoding="text"
            />
            {list.data.quarterlyRegisterList.notes.map((n, i) => (
              <p key={i}>{n}</p>
            ))}
          </div>
        ) : null}
      </form>
      <form onSubmit={prepare('journal')} className="panel">
        <h2>Журнал регистрации сигналов (форма региона)</h2>
        <label htmlFor="dl-from">С</label>
        <input id="dl-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor="dl-to">По</label>
        <input id="dl-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <button type="submit">Подготовить журнал</button>
        {asked === 'journal' && journal.loading ? <Loading what="журнал" /> : null}
        <ErrorList errors={asked === 'journal' ? journal.errors : []} />
        {asked === 'journal' && journal.data ? (
          <div className="actions">
            <span>{journal.data.signalJournal.title}</span>
            <DownloadButton label="Скачать XLSX" fileName={`журнал-сигналов-${municipality}-${from}-${to}.xlsx`} contentType={XLSX} content={journal.data.signalJournal.xlsxBase64} />
            <DownloadButton label="Скачать CSV" fileName={`журнал-сигналов-${municipality}-${from}-${to}.csv`} contentType={CSV} content={journal.data.signalJournal.csv} encoding="text" />
          </div>
        ) : null}
      </form>
    </section>
  );
}
