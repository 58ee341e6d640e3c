import { Principal } from '../auth/principal';
import { RequestMeta } from '../auth/request-meta';
import type { Span } from '@opentelemetry/api';

export interface GatewayContext {
  principal: Principal;
  meta: RequestMeta;
  /** Exactly the headers the subgraphs need to decide for themselves (token, purpose, case, ids). */
  forwardedHeaders: Record<string, string>;
  /** This request's server span (tracing); subgraph calls become its children. */
  traceSpan?: Span;
}
