import type { ApolloServerPlugin } from '@apollo/server';
import { context, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace, TracerProvider } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * Traces with W3C trace context across the gateway and the subgraphs. Nothing is set up unless
 * OTEL_EXPORTER_OTLP_ENDPOINT names a collector: the API then hands out no-op spans and tracing
 * costs nothing. Spans carry the service, the operation and the request id; never data.
 */
let configured = false;

export function setUpTracing(provider?: TracerProvider): void {
  if (configured && !provider) return;
  configured = true;
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  if (provider) {
    trace.disable();
    trace.setGlobalTracerProvider(provider);
    return;
  }
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return;
  // Required here, not imported: the exporter and the SDK are some 160 modules a hub without an exporter never loads.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { BasicTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  /* eslint-enable @typescript-eslint/no-require-imports */
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }))] }));
}

const tracer = () => trace.getTracer('child-welfare-hub');

type Headers = Record<string, string | string[] | undefined>;

/** The server span of one GraphQL request, continuing the caller's trace from `traceparent`. */
export function tracingPlugin(service: string): ApolloServerPlugin<{ meta?: { requestId: string }; traceSpan?: Span }> {
  return {
    async requestDidStart({ request, contextValue }) {
      const carrier: Headers = {};
      request.http?.headers.forEach((value, key) => (carrier[key] = value));
      const parent = propagation.extract(ROOT_CONTEXT, carrier);
      const span = tracer().startSpan(`${service} graphql`, { kind: SpanKind.SERVER, attributes: { 'hub.service': service } }, parent);
      if (contextValue) contextValue.traceSpan = span;
      return {
        async didResolveOperation({ operationName }) {
          const operation = (operationName ?? 'anonymous').replace(/__[a-z]+__\d+$/, '');
          span.updateName(`${service} ${operation}`);
          span.setAttribute('graphql.operation.name', operation);
        },
        async willSendResponse({ response }) {
          if (contextValue?.meta?.requestId) span.setAttribute('hub.request_id', contextValue.meta.requestId);
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          if (errors.length) span.setStatus({ code: SpanStatusCode.ERROR, message: errors.map((e) => e.extensions?.code).join(',') });
          span.end();
        },
      };
    },
  };
}

/** A client span for one call from the gateway to a subgraph; its context goes out as `traceparent`. */
export function startSubgraphCall(parent: Span | undefined, subgraph: string, headers: { set(name: string, value: string): void }): Span {
  const base = parent ? trace.setSpan(context.active(), parent) : context.active();
  const span = tracer().startSpan(`call ${subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'hub.subgraph': subgraph } }, base);
  propagation.inject(trace.setSpan(base, span), headers, { set: (carrier, key, value) => carrier.set(key, value) });
  return span;
}
