import { AGENCY_CAPTIONS, CATEGORY_CAPTIONS, REASON_CAPTIONS, caption } from '../format/captions';

/** One error of the gateway's answer, as the portal shows it. */
export interface RawGraphQLError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

export type HubErrorKind = 'redacted' | 'forbidden' | 'unavailable' | 'input' | 'unauthenticated' | 'other';

export interface HubError {
  kind: HubErrorKind;
  /** Dotted path of the answer's field the error is about, e.g. "child.snils". */
  path: string | null;
  code: string | null;
  reason: string | null;
  category: string | null;
  /** The subgraph (agency) whose part of the answer is missing. */
  service: string | null;
  /** The input field a validation rule names. */
  field: string | null;
  requestId: string | null;
  /** Russian text for a person: what is missing or wrong, and why. */
  text: string;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

function kindOf(code: string | null): HubErrorKind {
  switch (code) {
    case 'REDACTED':
      return 'redacted';
    case 'FORBIDDEN':
      return 'forbidden';
    case 'SUBGRAPH_UNAVAILABLE':
    case 'OUTCOME_UNKNOWN':
      return 'unavailable';
    case 'BAD_USER_INPUT':
    case 'GRAPHQL_VALIDATION_FAILED':
      return 'input';
    case 'UNAUTHENTICATED':
      return 'unauthenticated';
    default:
      return 'other';
  }
}

function textOf(kind: HubErrorKind, raw: RawGraphQLError, x: { reason: string | null; category: string | null; service: string | null; field: string | null; code: string | null }): string {
  const why = x.reason ? caption(REASON_CAPTIONS, x.reason) : null;
  switch (kind) {
    case 'redacted':
      return `Скрыто (${caption(CATEGORY_CAPTIONS, x.category)}): ${why ?? 'нет основания'}`;
    case 'forbidden':
      return `Нет доступа: ${why ?? raw.message}`;
    case 'unavailable':
      if (x.code === 'OUTCOME_UNKNOWN') return `Неизвестно, сохранено ли изменение: сервис не ответил вовремя. Проверьте состояние и повторите. ${raw.message}`;
      return x.service ? `Ведомство «${caption(AGENCY_CAPTIONS, x.service.toUpperCase())}» не ответило: его сведения в ответ не вошли` : 'Сервис не ответил: его сведения в ответ не вошли';
    case 'input':
      return x.field ? `Поле «${x.field}»: ${raw.message}` : raw.message;
    case 'unauthenticated':
      return 'Сеанс истёк: войдите снова';
    default:
      return raw.message || 'Ошибка сервера';
  }
}

export function toHubError(raw: RawGraphQLError, responseRequestId: string | null = null): HubError {
  const ext = raw.extensions ?? {};
  const code = str(ext.code);
  const kind = kindOf(code);
  const x = { code, reason: str(ext.reason), category: str(ext.category), service: str(ext.service), field: str(ext.field) };
  return {
    kind,
    path: raw.path && raw.path.length ? raw.path.join('.') : null,
    ...x,
    requestId: str(ext.requestId) ?? responseRequestId,
    text: textOf(kind, raw, x),
  };
}

/** The error about exactly this field of the answer (a redaction or a refused section). */
export function errorAt(errors: readonly HubError[], path: string): HubError | undefined {
  return errors.find((e) => e.path === path);
}

/** Agencies whose sections are missing from the answer because their service did not answer. */
export function missingServices(errors: readonly HubError[]): string[] {
  return [...new Set(errors.filter((e) => e.kind === 'unavailable' && e.service).map((e) => e.service!))];
}
