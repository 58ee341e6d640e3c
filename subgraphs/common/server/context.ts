import { AuditCollector } from '../../../auth/audit/audit-entry';
import { Principal } from '../../../auth/principal';
import { RequestMeta } from '../../../auth/request-meta';
import { WriteLedger } from '../../../auth/audit/write-ledger';

/**
 * One request's context, built once: the verified caller, what the request says about
 * itself, and whatever the subgraph adds per request (its DataLoaders, never shared between
 * requests, so no caller sees rows cached for another; its services).
 */
export type SubgraphContext<TExtra = object> = {
  principal: Principal;
  meta: RequestMeta;
  /** What this request touched and was allowed or refused, written once before the answer leaves. */
  audit: AuditCollector;
  /** The write entries this request's transactions committed (auth/audit/write-audit-subscriber.ts). */
  writes?: WriteLedger;
} & TExtra;
