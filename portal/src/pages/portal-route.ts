import type { ReactElement } from 'react';

/** One page of the portal: the menu offers it only to people holding one of `roles`. */
export interface PortalRoute {
  /** Under /portal/, without a leading slash; may hold parameters (`cases/:number`). */
  path: string;
  title: string;
  roles: readonly string[];
  element: ReactElement;
  /** X-Hub-Purpose of the page's requests; INDIVIDUAL_PREVENTION when not named. */
  purpose?: string;
  /** Pages reached from another page (a case by its number) stay out of the menu. */
  inMenu?: boolean;
}

/** A role's area: its own folder under pages/, its own menu group. */
export interface PortalArea {
  name: string;
  title: string;
  routes: readonly PortalRoute[];
}

export const KDN_ROLES = ['kdn_secretary', 'kdn_chair', 'kdn_member'] as const;
export const SPECIALIST_ROLES = ['education_specialist', 'health_doctor', 'police_inspector', 'social_specialist', 'guardianship_specialist', 'case_curator'] as const;
export const PERSONAL_DATA_ROLES = [...KDN_ROLES, ...SPECIALIST_ROLES, 'bank_operator'] as const;
