import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';

/** Moments (signal observed at, record created at): ISO 8601 with offset. */
export const DateTime = DateTimeResolver;
/** Calendar dates (date of birth, due date): "YYYY-MM-DD", no time zone to get wrong. */
export const LocalDate = LocalDateResolver;
