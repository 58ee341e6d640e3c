import type { ReactNode } from 'react';
import { AGENCY_CAPTIONS, caption } from '../format/captions';
import { HubError, errorAt, missingServices } from '../api/hub-errors';

function RequestId({ id }: { id: string | null }) {
  return id ? <span className="request-id"> Номер запроса: {id}</span> : null;
}

/** Errors that are not about one field of a shown answer: each in Russian, with its field and request id. */
export function ErrorList({ errors, shownPaths = [] }: { errors: readonly HubError[]; shownPaths?: readonly string[] }) {
  const rest = errors.filter((e) => e.kind !== 'redacted' && e.kind !== 'unavailable' && !(e.path && shownPaths.includes(e.path)));
  if (rest.length === 0) return null;
  return (
    <div role="alert" className="notice notice-error">
      <p>Хаб ответил с ошибкой:</p>
      <ul>
        {rest.map((e, i) => (
          <li key={i}>
            {e.text}
            {e.path && !e.field ? <span> (поле ответа {e.path})</span> : null}
            <RequestId id={e.requestId} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Agencies whose services did not answer: their sections are missing, not empty. */
export function MissingAgencies({ errors }: { errors: readonly HubError[] }) {
  const services = missingServices(errors);
  if (services.length === 0) return null;
  const requestId = errors.find((e) => e.kind === 'unavailable')?.requestId ?? null;
  return (
    <div role="status" className="notice notice-warning">
      Ответ неполный: не ответили {services.map((s) => `«${caption(AGENCY_CAPTIONS, s.toUpperCase())}»`).join(', ')}. Их сведений здесь нет; это не значит, что сведений нет у ведомства.
      <RequestId id={requestId} />
    </div>
  );
}

/** A field withheld by the hub, with the category and the reason: never shown as a blank. */
export function Withheld({ error }: { error: HubError }) {
  return (
    <span className="withheld" data-reason={error.reason ?? undefined}>
      {error.text}
    </span>
  );
}

/** One labelled value of an answer: its value, or why it is withheld or missing. */
export function Field({ label, path, errors, children }: { label: string; path: string; errors: readonly HubError[]; children: ReactNode }) {
  const error = errorAt(errors, path);
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>{error ? <Withheld error={error} /> : (children ?? '—')}</dd>
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" aria-live="polite" className="loading">
      Загрузка: {what}…
    </p>
  );
}
