import type { ApolloServerPlugin } from '@apollo/server';
import { categoryOfPath } from '../access/data-categories';
import { Principal } from '../principal';
import { RequestMeta } from '../request-meta';
import { AuditCollector, buildAuditEntry } from './audit-entry';
import { AuditWriter } from './audit-writer';
import { canonicalJson } from './canonical-json';
import type { WriteLedger } from './write-ledger';

export interface AuditedContext {
  principal: Principal;
  meta: RequestMeta;
  audit: AuditCollector;
  /** What the request has committed so far (see write-audit-subscriber.ts); absent where writes are not audited per transaction. */
  writes?: WriteLedger;
}

/** Federation routers name subgraph operations `<client name>__<subgraph>__<n>`: keep the client's. */
export function clientOperationName(name: string | null | undefined): string | null {
  return name?.replace(/__[a-z]+__\d+$/, '') ?? null;
}

const MAX_PATHS = 300;

/** Paths of the non-null leaves of an answer, list positions folded: what was shown, not its values. */
export function returnedPaths(data: unknown): string[] {
  const paths = new Set<string>();
  const walk = (value: unknown, path: string) => {
    if (paths.size >= MAX_PATHS || value === null || value === undefined) return;
    if (Array.isArray(value)) return value.forEach((item) => walk(item, path));
    if (typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) walk(child, path ? `${path}.${key}` : key);
      return;
    }
    paths.add(path);
  };
  walk(data, '');
  return [...paths].sort();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Children and families a request names in its variables (a write's `input.childId`, say): they are its subjects too. */
export function namedSubjects(variables: unknown, collector: AuditCollector, depth = 0): void {
  if (depth > 4 || variables === null || typeof variables !== 'object') return;
  if (Array.isArray(variables)) return variables.slice(0, 500).forEach((item) => namedSubjects(item, collector, depth + 1));
  for (const [key, value] of Object.entries(variables as Record<string, unknown>)) {
    if (key === 'childId' && typeof value === 'string' && UUID.test(value)) collector.subject('Child', value.toLowerCase());
    else if (key === 'familyId' && typeof value === 'string' && UUID.test(value)) collector.subject('Family', value.toLowerCase());
    else namedSubjects(value, collector, depth + 1);
  }
}

/**
 * Writes one audit entry per request before the answer leaves; if the entry cannot be written,
 * the answer is replaced by an error and no personal data goes out.
 */
export function auditPlugin(options: { service: string; writer: AuditWriter; pseudonymKey: string }): ApolloServerPlugin<AuditedContext> {
  return {
    async requestDidStart({ contextValue }) {
      // The writer may hold back a moment the entry of a sibling (a request serving the same client
      // request, as a case view's agency sections do) for this one's (audit-writer.ts).
      const group = contextValue?.meta?.requestId;
      const appending = group ? options.writer.expect(group) : () => undefined;
      return {
        async didResolveOperation({ contextValue, request, operationName }) {
          // The write entries of this request's transactions name the operation the caller sent.
          if (contextValue?.writes) {
            contextValue.writes.operation = { name: clientOperationName(operationName ?? request.operationName), document: request.query ?? '', variables: request.variables };
          }
        },
        async willSendResponse({ contextValue, response, request, operationName }) {
          // First: the entry is built and queued in this same tick, before a batch it may join leaves.
          appending();
          if (!contextValue?.principal || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          namedSubjects(request.variables, contextValue.audit);
          const fields = returnedPaths(result.data);
          const categories = [...new Set(fields.map((f) => categoryOfPath(options.service, f)).filter((c): c is NonNullable<typeof c> => c !== null))].sort();
          const errorCodes = (result.errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          const entry = buildAuditEntry({
            service: options.service,
            principal: contextValue.principal,
            meta: contextValue.meta,
            operationName: clientOperationName(operationName ?? request.operationName),
            document: request.query ?? '',
            collected: contextValue.audit.snapshot(),
            fields: fields.filter((f) => categoryOfPath(options.service, f) !== null),
            categories,
            errorCodes,
            pseudonymKey: options.pseudonymKey,
          });
          try {
            await options.writer.append(canonicalJson(entry), undefined, group);
          } catch {
            // Fail closed: what cannot be accounted for is not shown. But a write that committed (with its
            // own entry) did happen: the answer must not read as if it failed, or the caller acts on a lie.
            response.http.status = 503;
            response.body.singleResult = { errors: [withheld(options.service, (contextValue.writes?.committed.length ?? 0) > 0)] };
          }
        },
      };
    },
  };
}

function withheld(service: string, committed: boolean) {
  return committed
    ? {
        message: 'Журнал доступа недоступен: изменение сохранено, но ответ не выдан. Не считайте запрос неудавшимся: повтор с тем же ключом идемпотентности вернёт сохранённое',
        extensions: { code: 'AUDIT_UNAVAILABLE', service, committed: true },
      }
    : { message: 'Журнал доступа недоступен: ответ не выдан', extensions: { code: 'AUDIT_UNAVAILABLE', service } };
}
