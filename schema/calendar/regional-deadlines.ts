import { citationText, REGION_NAMES, regionRule, ruleWorkingDays } from './region-rules';

/**
 * Where the regions' procedures differ, the rule is a per-region setting, not a constant
 * (DOMAIN.md). Keys are the first two digits of the OKTMO code: 05 Primorsky krai, 88 Mari El.
 * The numbers and their sources come from region-rules.ts, where each is cited from its seed.
 */
export interface RegionalDeadlines {
  region: string;
  /** Check of a signal (проверка), working days from registration. */
  signalCheckWorkingDays: number;
  /** Conclusion sent to the KDN, working days after the check's term (0: within the check's term, Mari El 4.6). */
  conclusionWorkingDays: number;
  source: string;
}

function fromRules(region: '05' | '88'): RegionalDeadlines {
  return {
    region: REGION_NAMES[region],
    signalCheckWorkingDays: ruleWorkingDays(region, 'SIGNAL_CHECK'),
    conclusionWorkingDays: ruleWorkingDays(region, 'CONCLUSION'),
    source: [regionRule(region, 'SIGNAL_CHECK')!, regionRule(region, 'CONCLUSION')!].map(citationText).join('; '),
  };
}

const REGIONS: Record<string, RegionalDeadlines> = { '05': fromRules('05'), '88': fromRules('88') };

/** Regions without a setting of their own follow the stricter Primorsky rule. */
const DEFAULT: RegionalDeadlines = { ...REGIONS['05'], region: 'по умолчанию (как в Приморском крае)' };

export function deadlinesFor(oktmo: string): RegionalDeadlines {
  return REGIONS[oktmo.slice(0, 2)] ?? DEFAULT;
}
