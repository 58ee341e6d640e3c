/** Russian plural forms: one (1, 21, 101), few (2-4, 22-24), many (0, 5-20, 25-30, 11-14). */
export type PluralForms = readonly [one: string, few: string, many: string];

export function pluralForm(n: number, forms: PluralForms): string {
  const abs = Math.abs(Math.trunc(n));
  const lastTwo = abs % 100;
  const last = abs % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return forms[2];
  if (last === 1) return forms[0];
  if (last >= 2 && last <= 4) return forms[1];
  return forms[2];
}

/** "1 день", "2 дня", "5 дней". */
export function plural(n: number, forms: PluralForms): string {
  return `${n} ${pluralForm(n, forms)}`;
}

export const DAYS: PluralForms = ['день', 'дня', 'дней'];
export const YEARS: PluralForms = ['год', 'года', 'лет'];
export const SIGNALS: PluralForms = ['сигнал', 'сигнала', 'сигналов'];
