import * as v from '../../common/validation';

/** Nobody on the register today was born before this; older dates are typing errors. */
const EARLIEST = '2000-01-01';

/** Dates of police events: past (a day of slack for eastern time zones) and not absurdly old. */
export function eventDate(field: string, value: string): string {
  return v.date(field, value, { notInFuture: true, notBefore: EARLIEST });
}
