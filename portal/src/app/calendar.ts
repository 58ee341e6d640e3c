import calendarFile from '../../../schema/calendar/production-calendar.json';
import type { ProductionCalendar } from '../format/deadlines';

/** The hub's own production calendar file: the days left are counted on the calendar the deadline was. */
export const CALENDAR: ProductionCalendar = calendarFile as ProductionCalendar;
