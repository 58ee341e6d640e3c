import calendarData from '../../schema/calendar/production-calendar.json';
import {
  addWorkingDays,
  CALENDAR_YEARS,
  CalendarError,
  CalendarYearUnknownError,
  decreeOf,
  dueAfterWorkingDays,
  isWorkingDay,
  workingDaysBetween,
  workingDeadline,
} from '../../schema/calendar/working-days';

function workingDaysIn(year: number): number {
  return workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`);
}

// workingDaysBetween reads the day before 1 January only as a start: it never asks the calendar about it.
describe('the years of the production calendar and their decrees', () => {
  it('when a signal arrives on Friday 27 December 2024, then the working Saturday 28 December counts and the term runs past the New Year holidays to 10 January 2025', () => {
    // Decree No. 1314: Saturday 28 December 2024 is a working day, 30 and 31 December are days off;
    // 1-8 January 2025 are holidays (art. 112); Thursday 9 January 2025 is the first working day.
    expect(isWorkingDay('2024-12-28')).toBe(true);
    expect(['2024-12-29', '2024-12-30', '2024-12-31', '2025-01-01', '2025-01-08'].map(isWorkingDay)).toEqual([false, false, false, false, false]);
    expect(isWorkingDay('2025-01-09')).toBe(true);
    expect(addWorkingDays('2024-12-27', 1)).toBe('2024-12-28');
    expect(addWorkingDays('2024-12-27', 2)).toBe('2025-01-09');
    expect(addWorkingDays('2024-12-27', 3)).toBe('2025-01-10');
    expect(addWorkingDays('2024-12-27', 5)).toBe('2025-01-14');
    expect(workingDaysBetween('2024-12-27', '2025-01-10')).toBe(3);
  });

  it('when the 2024 decree moved the days off, then 27 April, 2 November and 28 December work and 29-30 April, 10 May, 30-31 December rest', () => {
    expect(['2024-04-27', '2024-11-02', '2024-12-28'].map(isWorkingDay)).toEqual([true, true, true]);
    expect(['2024-04-29', '2024-04-30', '2024-05-10', '2024-12-30', '2024-12-31'].map(isWorkingDay)).toEqual([false, false, false, false, false]);
  });

  it('when the 2023 decree moved 1 and 8 January, then 24 February and 8 May rest, and 6 November rests for the Saturday 4 November (art. 112)', () => {
    expect(['2023-02-24', '2023-05-08', '2023-11-06'].map(isWorkingDay)).toEqual([false, false, false]);
    expect(addWorkingDays('2023-02-22', 1)).toBe('2023-02-27');
  });

  it('when the working days of a whole year are counted, then they match the published totals (2023: 247, 2024: 248, 2025: 247)', () => {
    expect([2023, 2024, 2025].map(workingDaysIn)).toEqual([247, 248, 247]);
  });

  it('when a year has transfers by decree, then the decree is named next to it; a year by the Labour Code alone says so', () => {
    const years = (calendarData as { years: Record<string, { status: string; decree: string | null }> }).years;
    for (const [year, rules] of Object.entries(years)) {
      if (rules.status === 'decree') expect(rules.decree).toMatch(new RegExp(`^Постановление Правительства РФ .*«О переносе выходных дней в ${year} году»`));
      else expect(rules).toMatchObject({ status: 'statutory', decree: null });
    }
    expect(decreeOf(2024)).toBe('Постановление Правительства РФ от 10.08.2023 № 1314 «О переносе выходных дней в 2024 году»');
  });

  it('when a date falls in a year before the calendar, then the error names the year and how to add it', () => {
    let error: unknown;
    try {
      addWorkingDays('2019-03-01', 3);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarYearUnknownError);
    expect(error).toBeInstanceOf(CalendarError);
    expect(error).toMatchObject({ code: 'CALENDAR_YEAR_UNKNOWN', year: 2019, date: '2019-03-02' }); // the first day the count asked about
    expect((error as Error).message).toContain('не содержит 2019 год');
    expect((error as Error).message).toContain('schema/calendar/production-calendar.json');
    expect((error as Error).message).toContain('«О переносе выходных дней в 2019 году»');
  });

  it('when a term runs past the last year of the calendar, then the error names the missing year, not the starting one', () => {
    const last = CALENDAR_YEARS[CALENDAR_YEARS.length - 1];
    expect(() => addWorkingDays(`${last}-12-30`, 5)).toThrow(expect.objectContaining({ year: last + 1 }));
  });

  it('when a list computes a term in an unknown year, then it gets a date by Labour Code art. 112 alone, marked provisional, instead of an exception', () => {
    expect(workingDeadline('2024-12-27', 3)).toEqual({ dueOn: '2025-01-10', provisional: null });
    // 2019 is not in the file: 1 March 2019 is a Friday; Mon 4, Tue 5, Wed 6 March by art. 112.
    const unknown = workingDeadline('2019-03-01', 3);
    expect(unknown.dueOn).toBe('2019-03-06');
    expect(unknown.provisional).toMatchObject({ code: 'CALENDAR_YEAR_UNKNOWN', year: 2019 });
    // 8 March 2019 (Fri) is a holiday; a holiday on a Sunday outside January moves to Monday (9 May 2021 -> 10 May).
    expect(dueAfterWorkingDays('2019-03-07', 1)).toBe('2019-03-11');
    expect(dueAfterWorkingDays('2021-05-07', 1)).toBe('2021-05-11');
    // Past the last year: the known days are counted on the calendar, the rest by the statute.
    const last = CALENDAR_YEARS[CALENDAR_YEARS.length - 1];
    const across = workingDeadline(`${last}-12-30`, 5);
    expect(across.provisional).toMatchObject({ year: last + 1 });
    expect(across.dueOn > `${last + 1}-01-08`).toBe(true);
  });

  it('when the calendar is checked today, then it covers the current year and, from 1 December, the next one (the yearly update is due)', () => {
    // Deliberately tied to the clock: this is the reminder to enter next year's decree (README).
    const now = new Date();
    const year = now.getUTCFullYear();
    expect(CALENDAR_YEARS).toContain(year);
    if (now.getUTCMonth() === 11) expect(CALENDAR_YEARS).toContain(year + 1);
    // The years are contiguous: a gap would refuse dates between known years.
    expect(CALENDAR_YEARS).toEqual(Array.from({ length: CALENDAR_YEARS.length }, (_, i) => CALENDAR_YEARS[0] + i));
  });
});
