import { createContext, useContext } from 'react';
import type { GraphQLClient, HubResult } from './graphql-client';
import { ResultCache } from './result-cache';

export interface HubContextValue {
  client: GraphQLClient;
  cache: ResultCache<HubResult<unknown>>;
}

export const HubContext = createContext<HubContextValue | null>(null);

/** The purpose the current page's requests state (X-Hub-Purpose); each route names its own. */
export const PurposeContext = createContext<string>('INDIVIDUAL_PREVENTION');

export function useHub(): HubContextValue {
  const hub = useContext(HubContext);
  if (!hub) throw new Error('useHub outside HubContext');
  return hub;
}
