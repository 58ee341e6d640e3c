import { requestIdOf } from './request-id';
import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { HeaderMap } from '@apollo/server';

/**
 * Overload is said, never hidden: past capacity a request is refused at once with 503 and
 * Retry-After, before its body is read, instead of queueing until the subgraph calls time out
 * and a 200 comes back with sections missing. A load balancer can tell the two apart.
 */
export interface OverloadConfig {
  /** Requests executing at once. */
  maxConcurrent: number;
  /** Requests waiting for a slot; one more is refused with 503. */
  maxQueue: number;
  /** A queued request not admitted within this is refused with 503 (it would only grow older). */
  queueTimeoutMs: number;
  /** Retry-After of a 503, in seconds. */
  retryAfterSeconds: number;
}

/** One client's own rate (per person for a person's token, per system for a service account). Null: no limit. */
export interface ClientRateConfig {
  perSecond: number;
  burst: number;
}

// A queued request older than a subgraph call's timeout (SUBGRAPH_TIMEOUT_MS, 5 s) could only come back with sections missing.
export const DEFAULT_OVERLOAD: OverloadConfig = { maxConcurrent: 32, maxQueue: 256, queueTimeoutMs: 5000, retryAfterSeconds: 1 };
export const DEFAULT_CLIENT_RATE: ClientRateConfig = { perSecond: 50, burst: 100 };

export type Rejection = 'queue-full' | 'queue-timeout' | 'client-rate';

export interface AdmissionStats {
  inFlight: number;
  queued: number;
}

/** Express middleware bounding concurrent /graphql requests; health and metrics are not mounted behind it. */
export function admission(config: OverloadConfig, onReject: (reason: Rejection) => void = () => undefined): { middleware: RequestHandler; stats(): AdmissionStats } {
  let inFlight = 0;
  const waiting: Array<{ admit(): void }> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next.admit();
    else inFlight--;
  };
  const refuse = (res: Parameters<RequestHandler>[1], reason: Rejection) => {
    onReject(reason);
    res.status(503).set('retry-after', String(config.retryAfterSeconds)).set('connection', 'close');
    res.json({
      errors: [
        {
          message: 'Хаб перегружен: повторите запрос через время, указанное в Retry-After',
          extensions: { code: 'OVERLOADED', reason, retryAfterSeconds: config.retryAfterSeconds, requestId: requestIdOf(res) },
        },
      ],
    });
  };
  const middleware: RequestHandler = (req, res, next) => {
    const admitted = () => {
      let released = false;
      // 'close' fires for finished and for aborted responses alike: the slot is returned once.
      res.once('close', () => {
        if (!released) {
          released = true;
          release();
        }
      });
      next();
    };
    if (inFlight < config.maxConcurrent) {
      inFlight++;
      admitted();
      return;
    }
    if (waiting.length >= config.maxQueue) {
      refuse(res, 'queue-full');
      return;
    }
    const entry = {
      admit: () => {
        clearTimeout(timer);
        // The slot passes straight from the request that ended to this one: inFlight stays as it is.
        if (req.destroyed) release();
        else admitted();
      },
    };
    const timer = setTimeout(() => {
      const index = waiting.indexOf(entry);
      if (index >= 0) waiting.splice(index, 1);
      refuse(res, 'queue-timeout');
    }, config.queueTimeoutMs);
    waiting.push(entry);
  };
  return { middleware, stats: () => ({ inFlight, queued: waiting.length }) };
}

/** Token buckets per client key; buckets idle long enough to be full again are forgotten. */
export function clientRateLimiter(config: ClientRateConfig, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const fullAfterMs = (config.burst / config.perSecond) * 1000;
  let sweptAt = now();
  return {
    /** Takes one request from the key's bucket; the seconds to wait when it is empty, else 0. */
    take(key: string): number {
      const t = now();
      if (t - sweptAt > fullAfterMs * 2) {
        for (const [k, b] of buckets) if (t - b.at > fullAfterMs) buckets.delete(k);
        sweptAt = t;
      }
      const bucket = buckets.get(key) ?? { tokens: config.burst, at: t };
      bucket.tokens = Math.min(config.burst, bucket.tokens + ((t - bucket.at) / 1000) * config.perSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / config.perSecond));
    },
  };
}

/** Thrown from the context: Apollo answers it with 429 and Retry-After, before any planning. */
export function clientRateError(retryAfterSeconds: number): GraphQLError {
  const headers = new HeaderMap();
  headers.set('retry-after', String(retryAfterSeconds));
  return new GraphQLError('Слишком много запросов от этого клиента: повторите запрос через время, указанное в Retry-After', {
    extensions: { code: 'RATE_LIMITED', retryAfterSeconds, http: { status: 429, headers } },
  });
}
