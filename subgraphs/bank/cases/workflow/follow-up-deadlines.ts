import { deadlinesFor } from '../../../../schema/calendar/regional-deadlines';
import { REGION_NAMES, REGION_RULES, regionRule, RegionRuleKey } from '../../../../schema/calendar/region-rules';

/**
 * The working-day terms of the messages around a case, read from the region rules
 * (schema/calendar/region-rules.ts, each cited from its seed): the conclusion after the check
 * (Primorsky 5.3; within the check in Mari El 4.6), the responsible body's information messages of
 * taking the family on and off (Primorsky 5.4 б), 5.6; Mari El has none), and the family told of
 * the closing resolution (Mari El 6.5).
 */
export interface FollowUpDeadlines {
  /** The conclusion reaches the KDN this many working days after the check's term (0: within it). */
  conclusionWorkingDays: number;
  /** null: the region's procedure has no such message. */
  takenOnMessageWorkingDays: number | null;
  takenOffMessageWorkingDays: number | null;
  familyInformedWorkingDays: number;
}

/** A region without rules of its own follows Primorsky's, as deadlinesFor does. */
function regionOf(municipality: string): string {
  const region = municipality.slice(0, 2);
  return region in REGION_NAMES && !routeOnly(region) ? region : '05';
}

/** A region whose rules are only its low-risk route (Krasnoyarsk) keeps the default terms for the rest. */
const routeOnly = (region: string): boolean => REGION_RULES.filter((r) => r.region === region).every((r) => r.key === 'LOW_RISK_INSTRUCTION');

function workingDays(region: string, key: RegionRuleKey): number | null {
  const rule = regionRule(region, key);
  return rule && rule.term.kind === 'WORKING_DAYS' ? rule.term.days : null;
}

/** The regions (first two OKTMO digits) whose procedure has no information message of taking the family off. */
export function regionsWithoutTakenOffMessage(): string[] {
  return Object.keys(REGION_NAMES).filter((region) => !routeOnly(region) && workingDays(region, 'TAKEN_OFF_MESSAGE') === null);
}

export function followUpDeadlinesFor(municipality: string): FollowUpDeadlines {
  const region = regionOf(municipality);
  return {
    conclusionWorkingDays: deadlinesFor(municipality).conclusionWorkingDays,
    takenOnMessageWorkingDays: workingDays(region, 'TAKEN_ON_MESSAGE'),
    takenOffMessageWorkingDays: workingDays(region, 'TAKEN_OFF_MESSAGE'),
    // Every closing resolution is made known to the family (DOMAIN.md step 8); only Mari El 6.5 says so
    // with a term, which the regions without their own rule follow.
    familyInformedWorkingDays: workingDays(region, 'FAMILY_INFORMED') ?? workingDays('88', 'FAMILY_INFORMED') ?? 10,
  };
}
