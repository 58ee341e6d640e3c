import { FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery } from '../../api/hooks';
import { useSession } from '../../app/session';
import { CSV, DownloadButton } from '../../components/download-button';
import { ErrorList, Loading } from '../../components/notices';
import { SUBJECT_ACCESS_REPORT } from './auditor.operations';
import { LogEntriesTable } from './log-entries-table';

/** For a parent's request: who saw the child's data, when, which agency, what and why; the CSV is what is handed over. */
export function SubjectReportPage() {
  const { zone } = useSession();
  const [params] = useSearchParams();
  const [childId, setChildId] = useState(params.get('child') ?? '');
  const [municipality, setMunicipality] = useState('');
  const [asked, setAsked] = useState<{ childId: string; municipality: string | null } | null>(null);
  const badMunicipality = municipality.trim() !== '' && !/^\d{8}$/.test(municipality.trim());
  const { data, errors, loading } = useQuery(SUBJECT_ACCESS_REPORT, asked ?? { childId: '' }, { skip: !asked });
  const prepare = (event: FormEvent) => {
    event.preventDefault();
    if (!childId.trim() || badMunicipality) return;
    setAsked({ childId: childId.trim(), municipality: municipality.trim() || null });
  };
  const report = data?.subjectAccessReport;
  return (
    <section aria-labelledby="sar-title">
      <h1 id="sar-title">Отчёт о доступе к данным ребёнка</h1>
      <form onSubmit={prepare} className="panel" aria-label="Ребёнок">
        <label htmlFor="sar-child">Идентификатор ребёнка</label>
        <input id="sar-child" value={childId} onChange={(e) => setChildId(e.target.value)} required />
        <label htmlFor="sar-municipality">ОКТМО муниципального образования ребёнка (необязательно)</label>
        <input
          id="sar-municipality"
          value={municipality}
          onChange={(e) => setMunicipality(e.target.value)}
          inputMode="numeric"
          aria-invalid={badMunicipality}
          aria-describedby="sar-municipality-hint"
        />
        <small id="sar-municipality-hint">Время в файле — местное время этого региона; без ОКТМО — региона организаций, обращавшихся к данным.</small>
        <button type="submit" disabled={badMunicipality}>
          Сформировать отчёт
        </button>
      </form>
      <ErrorList errors={errors} />
      {loading ? <Loading what="отчёт" /> : null}
      {report ? (
        <>
          <div className="actions">
            <p role="status">
              Обращений к данным ребёнка: {report.entries.length}. Время в файле: {report.timeZone}.
            </p>
            <DownloadButton label="Скачать отчёт (CSV)" fileName={`отчёт-о-доступе-${report.childId}.csv`} contentType={CSV} content={report.csv} encoding="text" />
          </div>
          {report.entries.length > 0 ? <LogEntriesTable entries={report.entries} zone={zone} title="Обращения к данным ребёнка" /> : null}
        </>
      ) : null}
    </section>
  );
}
