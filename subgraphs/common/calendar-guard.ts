import { GraphQLError } from 'graphql';
import { addWorkingDays, CalendarYearUnknownError } from '../../schema/calendar/working-days';
import { inputError } from './errors';

/**
 * A date in a year the production calendar does not hold is bad input about that date, not an
 * internal error: the field error names the year and how to add it (rule calendar.yearKnown).
 */
export function calendarYearError(field: string, value: unknown, e: CalendarYearUnknownError): GraphQLError {
  const error = inputError(field, value, 'calendar.yearKnown', e.message);
  Object.assign(error.extensions, { calendarCode: e.code, year: e.year });
  return error;
}

/** addWorkingDays for a date the caller gave in `field`: an unknown year becomes that field's error. */
export function workingDaysFor(field: string, from: string, days: number): string {
  try {
    return addWorkingDays(from, days);
  } catch (e) {
    if (e instanceof CalendarYearUnknownError) throw calendarYearError(field, from, e);
    throw e;
  }
}
