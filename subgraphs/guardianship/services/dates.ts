import { inputError } from '../../common/errors';

/** No act the guardianship body sends predates this; earlier dates are typing errors. */
export const EARLIEST = '2000-01-01';

/**
 * A moment must not precede the given calendar day. The day is local to the municipality and
 * Russia reaches UTC+12, so the day is taken to start at its earliest instant anywhere in the country.
 */
export function notBeforeDay(field: string, moment: Date, day: string): Date {
  if (moment.getTime() < Date.parse(`${day}T00:00:00+12:00`)) {
    throw inputError(field, moment.toISOString(), 'moment.beforeDay', `момент раньше даты ${day}`);
  }
  return moment;
}
