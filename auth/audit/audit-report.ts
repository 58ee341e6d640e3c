import { ChainReport } from './audit-verifier';
import { CheckpointFailure, CheckpointReason, CheckpointsReport } from './checkpoint-check';

type ChainReason = Extract<ChainReport, { ok: false }>['reason'];

/** What an auditor's verification answers (API and command line): the chain walk and the stored checkpoints together. */
export interface AuditReport {
  ok: boolean;
  checked: number;
  /** The chain walk's first broken position; if the walk holds, the first checkpoint that fails. */
  firstBadPosition: number | null;
  reason: ChainReason | CheckpointReason | null;
  head: { position: number; hash: string } | null;
  checkpoints: CheckpointsReport;
  /** The same verdict in Russian, for a person. */
  summary: string;
}

const CHAIN_REASONS: Record<ChainReason, string> = {
  gap: 'записи нет или позиции идут не по порядку',
  prev_hash: 'ссылка на предыдущую запись не совпадает',
  hash: 'запись изменена (хеш не совпадает)',
  not_json: 'запись не читается как JSON',
};

function describeCheckpoint(f: CheckpointFailure): string {
  const which = `контрольной точки на позиции ${f.position} (подписана ${f.signedAt}, ключ ${f.keyId})`;
  const after = f.lastReachedPosition ? `после позиции ${f.lastReachedPosition}, до которой цепочка подтверждена` : 'начиная с первой записи';
  switch (f.reason) {
    case 'checkpoint_signature':
      return `Подпись ${which} не подтверждается ключом хаба: точка подделана или подписана чужим ключом.`;
    case 'checkpoint_missing':
      return `Цепочка не доходит до ${which}: такой позиции в журнале больше нет — журнал укорочен или переписан ${after}.`;
    case 'checkpoint_mismatch':
      return `Цепочка не доходит до ${which}: хеш на этой позиции не совпадает с подписанным — журнал переписан ${after}.`;
  }
}

function describe(chain: ChainReport, checkpoints: CheckpointsReport): string {
  const counts = `Проверено записей: ${chain.checked}; контрольных точек: ${checkpoints.checked}, ` + `с верной подписью: ${checkpoints.signatureValid}, не подтверждено: ${checkpoints.failed}.`;
  const lines: string[] = [];
  if (!chain.ok) lines.push(`Цепочка журнала нарушена на позиции ${chain.firstBadPosition}: ${CHAIN_REASONS[chain.reason]}.`);
  if (checkpoints.firstFailure) lines.push(describeCheckpoint(checkpoints.firstFailure));
  if (lines.length === 0) {
    const none = checkpoints.checked === 0 ? ' Подписанных контрольных точек пока нет: цепочку можно было переписать целиком.' : '';
    return `Журнал цел. ${counts}${none}`;
  }
  return `Журнал не прошёл проверку. ${lines.join(' ')} ${counts}`;
}

/** One verdict: the chain walk names the earliest break it sees; only if it holds is a checkpoint the reason. */
export function auditReport(chain: ChainReport, checkpoints: CheckpointsReport): AuditReport {
  const failure = checkpoints.firstFailure;
  const summary = describe(chain, checkpoints);
  if (!chain.ok) return { ok: false, checked: chain.checked, firstBadPosition: chain.firstBadPosition, reason: chain.reason, head: null, checkpoints, summary };
  return {
    ok: failure === null,
    checked: chain.checked,
    firstBadPosition: failure?.position ?? null,
    reason: failure?.reason ?? null,
    head: chain.head,
    checkpoints,
    summary,
  };
}
