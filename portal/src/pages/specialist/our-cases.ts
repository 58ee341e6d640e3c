import { useQuery } from '../../api/hooks';
import { OUR_CASES } from './specialist.operations';

/** The cases the hub lets our organisation see (those we take part in), first page of 50. */
export function useOurCases() {
  return useQuery(OUR_CASES, { first: 50, after: null });
}
