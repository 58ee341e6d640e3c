import { CALENDAR_YEARS, decreeOf, dueAfterWorkingDays } from './working-days';

/**
 * A working-day term is final only where the government's decree on moved days off is known for
 * every year it runs through. Past the last decree year the hub counts by Labour Code art. 112
 * alone (a "statutory" year of the calendar, or a year the file lacks): the date is shown, but
 * marked provisional with the reason, since a decree may still move it.
 */
export function provisionalReason(from: string, dueOn: string): string | null {
  for (let year = Number(from.slice(0, 4)); year <= Number(dueOn.slice(0, 4)); year++) {
    if (!CALENDAR_YEARS.includes(year)) {
      return `срок предварительный: производственный календарь не содержит ${year} год, рабочие дни посчитаны по ст. 112 ТК РФ без переносов выходных (внесите год в schema/calendar/production-calendar.json)`;
    }
    if (decreeOf(year) === null) {
      return `срок предварительный: постановление Правительства РФ о переносе выходных дней в ${year} году в календаре не учтено, рабочие дни посчитаны по ст. 112 ТК РФ`;
    }
  }
  return null;
}

/** A due date N working days after `from`, with its provisional reason (null: final). Never throws for a missing year. */
export interface Term {
  dueOn: string;
  provisionalReason: string | null;
}

export function workingTerm(from: string, days: number): Term {
  const dueOn = dueAfterWorkingDays(from, days);
  // The day itself counts only when something is counted from it: 0 days is the same day, as final as the calendar's year.
  return { dueOn, provisionalReason: days === 0 ? null : provisionalReason(from, dueOn) };
}
