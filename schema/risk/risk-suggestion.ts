import { IndicatorCatalogue, RiskLevel } from '../catalogue/indicator.catalogue';

/** Danger levels of Mari El 3.3: how urgently the child needs protection. */
export type DangerLevel = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface RiskSuggestion {
  riskLevel: RiskLevel;
  dangerLevel: DangerLevel;
  /** The indicators that set the level (those of the highest level found), for the specialist to see why. */
  drivers: string[];
  /** Routing of the Krasnoyarsk algorithm: low -> a commission member helps, medium/high -> KDN resolution and programme. */
  needsResolution: boolean;
}

const ORDER: RiskLevel[] = ['POTENTIAL_RISK', 'DIFFICULT_SITUATION', 'SOCIALLY_DANGEROUS'];
const DANGER: Record<RiskLevel, DangerLevel> = { POTENTIAL_RISK: 'LOW', DIFFICULT_SITUATION: 'MEDIUM', SOCIALLY_DANGEROUS: 'HIGH' };

/**
 * A suggestion, never a decision: the family risk level is the highest level among the
 * indicators of the signals (the catalogue of seed 001 sorts every indicator into a level);
 * factors threatening life and health mean an immediate threat, danger CRITICAL. The checking
 * specialist's conclusion is final and may differ; both are recorded.
 */
export function suggestRisk(catalogue: IndicatorCatalogue, codes: readonly string[]): RiskSuggestion | null {
  const indicators = [...new Set(codes)].map((code) => catalogue.byCode(code)).filter((i) => i !== undefined);
  if (indicators.length === 0) return null;
  const top = indicators.reduce((best, i) => (ORDER.indexOf(i.level) > ORDER.indexOf(best) ? i.level : best), 'POTENTIAL_RISK' as RiskLevel);
  const lifeThreat = indicators.filter((i) => i.criterion === 'LIFE_THREAT');
  return {
    riskLevel: top,
    dangerLevel: lifeThreat.length ? 'CRITICAL' : DANGER[top],
    drivers: (lifeThreat.length ? lifeThreat : indicators.filter((i) => i.level === top)).map((i) => i.code).sort(),
    needsResolution: top !== 'POTENTIAL_RISK',
  };
}
