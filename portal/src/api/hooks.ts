import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import { getOperationAST } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { HubResult } from './graphql-client';
import { PurposeContext, useHub } from './hub-context';
import { ResultCache } from './result-cache';

export interface QueryState<T> extends HubResult<T> {
  loading: boolean;
  reload: () => void;
}

const EMPTY = { data: null, errors: [], requestId: null };

function operationName(document: TypedDocumentNode<unknown, never>): string {
  return getOperationAST(document)?.name?.value ?? 'anonymous';
}

/** Runs a query when the page shows it, again when its variables change; `skip` waits for input. */
export function useQuery<T, V>(document: TypedDocumentNode<T, V>, variables: V, options: { skip?: boolean; purpose?: string } = {}): QueryState<T> {
  const { client, cache } = useHub();
  const pagePurpose = useContext(PurposeContext);
  const purpose = options.purpose ?? pagePurpose;
  const key = ResultCache.key(operationName(document as TypedDocumentNode<unknown, never>), variables, purpose);
  const [state, setState] = useState<{ key: string; result: HubResult<T> | null }>(() => ({ key, result: (cache.get(key) as HubResult<T>) ?? null }));
  const [generation, setGeneration] = useState(0);
  const variablesRef = useRef(variables);
  variablesRef.current = variables;

  useEffect(() => cache.subscribe(() => setGeneration((g) => g + 1)), [cache]);

  useEffect(() => {
    if (options.skip) return;
    const cached = cache.get(key) as HubResult<T> | undefined;
    if (cached) {
      setState({ key, result: cached });
      return;
    }
    let live = true;
    setState((s) => (s.key === key ? { key, result: null } : { key, result: null }));
    client.request(document, variablesRef.current, { purpose }).then((result) => {
      if (!live) return;
      cache.set(key, result as HubResult<unknown>);
      setState({ key, result });
    });
    return () => {
      live = false;
    };
  }, [key, generation, options.skip, client, cache, document, purpose]);

  const reload = useCallback(() => cache.invalidate(), [cache]);
  const result = state.key === key ? state.result : null;
  return { ...(result ?? EMPTY), loading: !options.skip && !result, reload };
}

export interface MutationState<T> extends HubResult<T> {
  running: boolean;
  done: boolean;
}

/** A write: on success every cached read is dropped, so the pages show the hub's new state. */
export function useMutation<T, V>(document: TypedDocumentNode<T, V>, options: { purpose?: string } = {}): [(variables: V) => Promise<HubResult<T>>, MutationState<T>] {
  const { client, cache } = useHub();
  const pagePurpose = useContext(PurposeContext);
  const purpose = options.purpose ?? pagePurpose;
  const [state, setState] = useState<MutationState<T>>({ ...EMPTY, running: false, done: false });
  const run = useCallback(
    async (variables: V) => {
      setState({ ...EMPTY, running: true, done: false });
      const result = await client.request(document, variables, { purpose });
      if (result.data && result.errors.length === 0) cache.invalidate();
      setState({ ...result, running: false, done: true });
      return result;
    },
    [client, cache, document, purpose],
  );
  return [run, state];
}
