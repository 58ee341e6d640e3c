import calendarFile from '../../../schema/calendar/production-calendar.json';
import { daysBetween, formatAge, formatDate, formatDateTime, formatDaysAgo, fullYears, todayIn } from '../../../portal/src/format/dates';
import { formatDaysLeft, isWorkingDay, ProductionCalendar, workingDaysLeft } from '../../../portal/src/format/deadlines';
import { DAYS, plural, pluralForm, YEARS } from '../../../portal/src/format/plural';
import { MOSCOW, timeZoneOf } from '../../../portal/src/format/time-zones';

const calendar = calendarFile as ProductionCalendar;

describe('the portal formats dates, ages, plurals and terms in Russian', () => {
  it('when a calendar date is shown, then it reads DD.MM.YYYY and no time zone shifts it', () => {
    expect(formatDate('2026-03-08')).toBe('08.03.2026');
    expect(formatDate('2014-05-17')).toBe('17.05.2014');
    expect(formatDate(null)).toBe('—');
  });

  it('when an instant is shown, then it is the wall clock of the region of the municipality', () => {
    const instant = '2026-11-30T20:30:00.000Z';
    expect(formatDateTime(instant, timeZoneOf('05701000'))).toBe('01.12.2026 06:30');
    expect(formatDateTime(instant, timeZoneOf('88701000'))).toBe('30.11.2026 23:30');
    expect(formatDateTime(instant, timeZoneOf('04701000'))).toBe('01.12.2026 03:30');
  });

  it('when a municipality of an unlisted region is given, then Moscow time is used and named', () => {
    expect(timeZoneOf('45000000')).toBe(MOSCOW);
    expect(timeZoneOf(null).caption).toContain('московское');
  });

  it('when it is evening in Moscow, then Vladivostok is already on the next day', () => {
    const now = new Date('2026-11-30T15:00:00.000Z');
    expect(todayIn(timeZoneOf('05701000'), now)).toBe('2026-12-01');
    expect(todayIn(timeZoneOf('88701000'), now)).toBe('2026-11-30');
  });

  it('when an age is counted, then only full years count and the birthday itself completes one', () => {
    expect(fullYears('2014-05-17', '2026-05-16')).toBe(11);
    expect(fullYears('2014-05-17', '2026-05-17')).toBe(12);
    expect(fullYears('2012-02-29', '2026-02-28')).toBe(13);
    expect(formatAge(12)).toBe('12 лет');
    expect(formatAge(1)).toBe('1 год');
    expect(formatAge(3)).toBe('3 года');
    expect(formatAge(null)).toBe('—');
  });

  it.each([
    [1, '1 день'],
    [2, '2 дня'],
    [4, '4 дня'],
    [5, '5 дней'],
    [11, '11 дней'],
    [12, '12 дней'],
    [14, '14 дней'],
    [21, '21 день'],
    [22, '22 дня'],
    [25, '25 дней'],
    [101, '101 день'],
    [111, '111 дней'],
    [0, '0 дней'],
  ])('when %i days are counted, then they read "%s"', (n, text) => {
    expect(plural(n, DAYS)).toBe(text);
  });

  it('when years are counted, then the year forms follow the same rule', () => {
    expect(pluralForm(21, YEARS)).toBe('год');
    expect(pluralForm(14, YEARS)).toBe('лет');
    expect(pluralForm(33, YEARS)).toBe('года');
  });

  it('when a signal came earlier, then the journal says how many days ago', () => {
    expect(daysBetween('2026-11-28', '2026-12-01')).toBe(3);
    expect(formatDaysAgo('2026-11-28', '2026-12-01')).toBe('3 дня назад');
    expect(formatDaysAgo('2026-12-01', '2026-12-01')).toBe('сегодня');
  });
});

describe('the days left to a term the hub set, on the production calendar', () => {
  it('when the term spans a weekend, then only working days are left', () => {
    // Friday 27.11.2026 -> Wednesday 02.12.2026: Mon 30.11, Tue 01.12, Wed 02.12.
    expect(workingDaysLeft('2026-11-27', '2026-12-02', calendar)).toBe(3);
    expect(formatDaysLeft('2026-11-27', '2026-12-02', calendar)).toBe('осталось 3 раб. дн.');
  });

  it('when the term spans the November holiday, then the holiday is not a working day', () => {
    expect(isWorkingDay('2026-11-04', calendar)).toBe(false);
    expect(workingDaysLeft('2026-11-02', '2026-11-06', calendar)).toBe(3);
  });

  it("when the term spans the New Year's holidays, then only working days of the decree count", () => {
    // 31.12.2025 and 09.01.2026 are days off by the decrees, 01-08.01 holidays: Monday 12.01 is the first working day.
    expect(isWorkingDay('2026-01-08', calendar)).toBe(false);
    expect(isWorkingDay('2026-01-09', calendar)).toBe(false);
    expect(workingDaysLeft('2025-12-30', '2026-01-12', calendar)).toBe(1);
  });

  it('when a Saturday is made a working day by the decree, then it counts', () => {
    expect(isWorkingDay('2025-11-01', calendar)).toBe(true);
    // Sat 01.11 works, 03.11 is a day off, 04.11 a holiday: Saturday and Wednesday remain.
    expect(workingDaysLeft('2025-10-31', '2025-11-05', calendar)).toBe(2);
  });

  it('when the term is today or past, then it says so', () => {
    expect(formatDaysLeft('2026-12-01', '2026-12-01', calendar)).toBe('срок сегодня');
    expect(formatDaysLeft('2026-12-02', '2026-12-01', calendar)).toBe('просрочено');
    expect(formatDaysLeft('2026-12-02', null, calendar)).toBe('—');
  });
});
