import { createContext, useContext } from 'react';
import type { Person } from '../auth/claims';
import type { RegionTimeZone } from '../format/time-zones';

export interface Organisation {
  id: string;
  name: string;
  type: string;
  region: string;
  territories: string[];
}

export interface Session {
  person: Person;
  organisation: Organisation | null;
  /** The region's zone of the person's organisation, for dates of lists that span cases. */
  zone: RegionTimeZone;
  logout: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionContext');
  return session;
}
