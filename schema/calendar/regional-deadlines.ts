/**
 * Where the regions' procedures differ, the rule is a per-region setting, not a constant
 * (DOMAIN.md). Keys are the first two digits of the OKTMO code: 05 Primorsky krai, 88 Mari El.
 */
export interface RegionalDeadlines {
  region: string;
  /** Check of a signal (проверка), working days from registration. */
  signalCheckWorkingDays: number;
  /** Conclusion sent to the KDN, working days after the check. */
  conclusionWorkingDays: number;
  source: string;
}

const REGIONS: Record<string, RegionalDeadlines> = {
  '05': { region: 'Приморский край', signalCheckWorkingDays: 3, conclusionWorkingDays: 3, source: 'Порядок Приморского края 2022, разд. V' },
  '88': { region: 'Республика Марий Эл', signalCheckWorkingDays: 5, conclusionWorkingDays: 3, source: 'Порядок Республики Марий Эл 2019, п. 4.6' },
};

/** Regions without a setting of their own follow the stricter Primorsky rule. */
const DEFAULT: RegionalDeadlines = { ...REGIONS['05'], region: 'по умолчанию (как в Приморском крае)' };

export function deadlinesFor(oktmo: string): RegionalDeadlines {
  return REGIONS[oktmo.slice(0, 2)] ?? DEFAULT;
}
