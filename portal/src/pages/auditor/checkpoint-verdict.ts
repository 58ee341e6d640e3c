/**
 * Holding the chain against a checkpoint the auditor saved outside the hub. The hub's
 * verifyAuditLog checks the chain against every checkpoint it stores itself (each signature, and
 * that the chain still reaches each signed hash). A saved copy adds what the stored ones cannot
 * show: that no checkpoint was deleted or replaced together with the entries it covered. So the
 * saved checkpoint must be among the stored ones, byte for byte, and the check must pass; then the
 * chain reaches the saved hash. Pure, so every verdict is tested without a hub.
 */
export interface SavedCheckpoint {
  position: number;
  hash: string;
  signedAt: string;
  keyId: string;
  signature: string;
  /** The hub's public key (PEM) when it was saved, if the file carries it. */
  publicKey?: string;
}

export interface ChainCheck {
  ok: boolean;
  firstBadPosition?: number | null;
  reason?: string | null;
  headPosition?: number | null;
  summary: string;
}

export type VerdictKind = 'intact' | 'broken' | 'unknown';

export interface Verdict {
  kind: VerdictKind;
  /** One sentence, in Russian, said plainly. */
  headline: string;
  details: string[];
}

/** The file the portal saves (and `npm run audit:verify -- --checkpoint` reads); `null` with the reason when it is not one. */
export function parseSavedCheckpoint(text: string): { checkpoint: SavedCheckpoint } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'Это не JSON: вставьте содержимое сохранённого файла контрольной точки.' };
  }
  const c = (Array.isArray(value) ? value[0] : value) as Record<string, unknown> | null;
  if (!c || typeof c !== 'object') return { error: 'В файле нет контрольной точки.' };
  const missing = ['hash', 'signedAt', 'keyId', 'signature'].filter((k) => typeof c[k] !== 'string' || !c[k]);
  if (!Number.isInteger(c.position) || (c.position as number) < 1) missing.unshift('position');
  if (missing.length > 0) return { error: `В контрольной точке нет полей: ${missing.join(', ')}.` };
  return {
    checkpoint: {
      position: c.position as number,
      hash: c.hash as string,
      signedAt: c.signedAt as string,
      keyId: c.keyId as string,
      signature: c.signature as string,
      ...(typeof c.publicKey === 'string' ? { publicKey: c.publicKey } : {}),
    },
  };
}

const REASONS: Record<string, string> = {
  gap: 'пропущена позиция (запись удалена)',
  prev_hash: 'запись не ссылается на предыдущую (запись удалена или вставлена)',
  hash: 'содержимое записи изменено',
  not_json: 'запись повреждена',
  checkpoint_mismatch: 'цепочка на позиции контрольной точки хранит другой хеш',
  checkpoint_missing: 'цепочка не доходит до контрольной точки',
  checkpoint_signature: 'подпись контрольной точки неверна',
};

export function reasonCaption(reason: string | null | undefined): string {
  return reason ? (REASONS[reason] ?? reason) : 'причина не названа';
}

const samePem = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '');

/**
 * @param stored the hub's latest stored checkpoints (auditCheckpoints(last: requested))
 * @param requested how many were asked: a full list may not reach back to an old saved point
 */
export function checkpointVerdict(saved: SavedCheckpoint, chain: ChainCheck, stored: readonly SavedCheckpoint[], requested: number, hubKey: string | null): Verdict {
  const details = [chain.summary];
  if (saved.publicKey && hubKey && !samePem(saved.publicKey, hubKey)) {
    details.push('Открытый ключ хаба сменился после сохранения точки: подпись сохранённой точки хаб проверяет своим нынешним ключом.');
  }
  if (!chain.ok) {
    const where = chain.firstBadPosition ? `на позиции ${chain.firstBadPosition}` : 'в контрольных точках';
    return { kind: 'broken', headline: `Журнал нарушен ${where}: ${reasonCaption(chain.reason)}.`, details };
  }
  if (chain.headPosition != null && saved.position > chain.headPosition) {
    return {
      kind: 'broken',
      headline: `Журнал нарушен: цепочка кончается на позиции ${chain.headPosition}, а сохранённая точка подписана на позиции ${saved.position} — записи после ${chain.headPosition} удалены.`,
      details,
    };
  }
  const twin = stored.find((c) => c.position === saved.position);
  if (twin) {
    if (twin.hash === saved.hash && twin.signature === saved.signature && twin.keyId === saved.keyId && twin.signedAt === saved.signedAt) {
      return { kind: 'intact', headline: `Журнал цел: цепочка доходит до сохранённой контрольной точки на позиции ${saved.position} и не изменена до неё.`, details };
    }
    return { kind: 'broken', headline: `Журнал нарушен до позиции ${saved.position}: хаб хранит на ней другую контрольную точку, чем сохранённая, — записи и точки переписаны.`, details };
  }
  const oldest = stored.reduce((min, c) => Math.min(min, c.position), Number.POSITIVE_INFINITY);
  const listIsWhole = stored.length < requested;
  if (listIsWhole || oldest < saved.position) {
    return {
      kind: 'broken',
      headline: `Журнал нарушен: хаб больше не хранит контрольную точку позиции ${saved.position}, подписанную ${saved.signedAt}, — её удалили вместе с записями, которые она закрепляла.`,
      details,
    };
  }
  return {
    kind: 'unknown',
    headline: `Проверить в портале нельзя: точка позиции ${saved.position} старше ${requested} последних контрольных точек хаба.`,
    details: [...details, 'Проверьте её командой npm run audit:verify -- --checkpoint <файл> --public-key <ключ>.'],
  };
}
