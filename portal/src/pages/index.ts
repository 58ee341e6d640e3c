import type { PortalArea, PortalRoute } from './portal-route';
import { secretaryArea } from './secretary';
import { specialistArea } from './specialist';
import { curatorArea } from './curator';
import { operatorArea } from './operator';
import { auditorArea } from './auditor';
import { monitoringArea } from './monitoring';
// Each role's area adds one import above and one name below; nothing else changes.

export const AREAS: readonly PortalArea[] = [secretaryArea, specialistArea, curatorArea, operatorArea, auditorArea, monitoringArea];

/** Every page once, by path: two areas may share a page (the child's card). */
export function allRoutes(areas: readonly PortalArea[] = AREAS): PortalRoute[] {
  const byPath = new Map<string, PortalRoute>();
  for (const area of areas) {
    for (const route of area.routes) {
      const seen = byPath.get(route.path);
      byPath.set(route.path, seen ? { ...seen, roles: [...new Set([...seen.roles, ...route.roles])] } : route);
    }
  }
  return [...byPath.values()];
}

export type { PortalArea, PortalRoute } from './portal-route';
