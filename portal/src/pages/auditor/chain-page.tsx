import { ChangeEvent, FormEvent, useState } from 'react';
import { useHub } from '../../api/hub-context';
import type { HubError } from '../../api/hub-errors';
import { saveFile } from '../../components/download-button';
import { ErrorList } from '../../components/notices';
import { AUDIT_CHECKPOINTS, VERIFY_AUDIT_LOG } from './auditor.operations';
import { ChainCheck, checkpointVerdict, parseSavedCheckpoint, reasonCaption, Verdict } from './checkpoint-verdict';

/** How far back the saved checkpoint is looked for among the hub's stored ones (the API's own limit). */
const STORED_LOOKBACK = 1000;

function VerdictView({ verdict }: { verdict: Verdict }) {
  const tone = verdict.kind === 'intact' ? 'notice-ok' : verdict.kind === 'broken' ? 'notice-error' : 'notice-warning';
  return (
    <div role="status" aria-live="polite" className={`notice ${tone}`} data-verdict={verdict.kind}>
      <p>
        <strong>{verdict.headline}</strong>
      </p>
      <ul>
        {verdict.details.map((d, i) => (
          <li key={i}>{d}</li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The log's integrity: save the latest signed checkpoint outside the hub, and later hold the chain
 * against it. Requests go through the portal's client directly: a verification is asked anew each
 * time, never answered from the memory cache.
 */
export function ChainPage() {
  const { client } = useHub();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<HubError[]>([]);
  const [running, setRunning] = useState(false);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const saveLatest = async () => {
    setErrors([]);
    const result = await client.request(AUDIT_CHECKPOINTS, { last: 1 }, { purpose: 'AUDIT' });
    setErrors(result.errors);
    const latest = result.data?.auditCheckpoints[0];
    if (!latest || !result.data) {
      if (result.data) setSaved('Хаб ещё не подписал ни одной контрольной точки.');
      return;
    }
    const file = { position: latest.position, hash: latest.hash, signedAt: latest.signedAt, keyId: latest.keyId, signature: latest.signature, publicKey: result.data.auditSigningKey };
    saveFile(`контрольная-точка-${latest.position}.json`, 'application/json', `${JSON.stringify(file, null, 2)}\n`, 'text');
    setSaved(`Сохранена контрольная точка позиции ${latest.position} (подписана ${latest.signedAt}). Храните файл вне хаба.`);
  };

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setText(await file.text());
  };

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    setVerdict(null);
    setProblem(null);
    const parsed = text.trim() ? parseSavedCheckpoint(text) : null;
    if (parsed && 'error' in parsed) {
      setProblem(parsed.error);
      return;
    }
    setRunning(true);
    const [check, stored] = await Promise.all([
      client.request(VERIFY_AUDIT_LOG, {}, { purpose: 'AUDIT' }),
      parsed ? client.request(AUDIT_CHECKPOINTS, { last: STORED_LOOKBACK }, { purpose: 'AUDIT' }) : Promise.resolve(null),
    ]);
    setRunning(false);
    setErrors([...check.errors, ...(stored?.errors ?? [])]);
    const chain = check.data?.verifyAuditLog;
    if (!chain || (parsed && !stored?.data)) return;
    const asChain: ChainCheck = chain;
    if (parsed && stored?.data) {
      setVerdict(checkpointVerdict(parsed.checkpoint, asChain, stored.data.auditCheckpoints, STORED_LOOKBACK, stored.data.auditSigningKey));
    } else {
      setVerdict(
        chain.ok
          ? {
              kind: 'intact',
              headline: `Журнал цел: проверено записей ${chain.checked}, контрольных точек хаба ${chain.checkpointsChecked}.`,
              details: [chain.summary, 'Без сохранённой вне хаба точки удаление контрольных точек вместе с записями не обнаружить.'],
            }
          : { kind: 'broken', headline: `Журнал нарушен${chain.firstBadPosition ? ` на позиции ${chain.firstBadPosition}` : ''}: ${reasonCaption(chain.reason)}.`, details: [chain.summary] },
      );
    }
  };

  return (
    <section aria-labelledby="chain-title">
      <h1 id="chain-title">Проверка журнала</h1>
      <div className="panel">
        <h2>Сохранить контрольную точку</h2>
        <p>Последняя подписанная хабом точка и открытый ключ — в файл, который хранится вне хаба (архив, прокуратура).</p>
        <button type="button" onClick={saveLatest}>
          Сохранить последнюю контрольную точку
        </button>
        {saved ? <p role="status">{saved}</p> : null}
      </div>
      <form onSubmit={verify} className="panel" aria-label="Проверка по сохранённой точке">
        <h2>Проверить цепочку</h2>
        <label htmlFor="chain-file">Файл сохранённой контрольной точки</label>
        <input id="chain-file" type="file" accept="application/json,.json" onChange={readFile} />
        <label htmlFor="chain-text">Сохранённая контрольная точка (JSON); пусто — проверить только по точкам хаба</label>
        <textarea id="chain-text" rows={6} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} aria-describedby={problem ? 'chain-problem' : undefined} />
        {problem ? (
          <p id="chain-problem" role="alert" className="notice notice-error">
            {problem}
          </p>
        ) : null}
        <button type="submit" disabled={running}>
          {running ? 'Проверяется…' : 'Проверить'}
        </button>
      </form>
      <ErrorList errors={errors} />
      {verdict ? <VerdictView verdict={verdict} /> : null}
    </section>
  );
}
