import { emergencyTrack } from '../../schema/calendar/emergency-track';
import { addCalendarDays, addWorkingDays, CalendarError, isWorkingDay, workingDaysBetween } from '../../schema/calendar/working-days';
import { deadlinesFor } from '../../schema/calendar/regional-deadlines';

describe('deadlines in working days on the production calendar', () => {
  it('when a signal arrives on 30 December 2025, then three working days run past the New Year holidays into 12 January 2026', () => {
    // 31 Dec 2025 is a moved day off; 1-8 Jan are holidays; 9 Jan is moved from 3 Jan; 10-11 Jan a weekend.
    expect(addWorkingDays('2025-12-30', 1)).toBe('2026-01-12');
    expect(addWorkingDays('2025-12-30', 3)).toBe('2026-01-14');
  });

  it('when a deadline crosses the working Saturday of 1 November 2025, then that Saturday counts and the Monday after it does not', () => {
    expect(isWorkingDay('2025-11-01')).toBe(true);
    expect(isWorkingDay('2025-11-03')).toBe(false);
    expect(isWorkingDay('2025-11-04')).toBe(false);
    expect(addWorkingDays('2025-10-31', 1)).toBe('2025-11-01');
    expect(addWorkingDays('2025-10-31', 2)).toBe('2025-11-05');
  });

  it('when days off were moved by decree (8 May and 13 June 2025), then they are not working days', () => {
    expect(isWorkingDay('2025-05-08')).toBe(false);
    expect(isWorkingDay('2025-06-13')).toBe(false);
    expect(addWorkingDays('2025-05-07', 1)).toBe('2025-05-12');
  });

  it('when a holiday falls on a weekend in 2026, then the next Monday is off (8 March -> 9 March)', () => {
    expect(isWorkingDay('2026-03-09')).toBe(false);
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-10');
  });

  it('when the regions differ, then the check takes 3 working days in Primorsky and 5 in Mari El', () => {
    const registered = '2026-11-19';
    expect(addWorkingDays(registered, deadlinesFor('05701000').signalCheckWorkingDays)).toBe('2026-11-24');
    expect(addWorkingDays(registered, deadlinesFor('88701000').signalCheckWorkingDays)).toBe('2026-11-26');
  });

  it('when a court claim is due in 7 days, then calendar days count, holidays included', () => {
    expect(addCalendarDays('2025-12-30', 7)).toBe('2026-01-06');
  });

  it('when an item is late, then the lateness counts working days only', () => {
    expect(workingDaysBetween('2025-12-30', '2026-01-12')).toBe(1);
  });

  it('when a year is not in the calendar, then the computation refuses instead of guessing', () => {
    expect(() => addWorkingDays('2030-01-01', 1)).toThrow(CalendarError);
  });
});

describe('the 2027 year of the calendar, by the Labour Code until the decree is entered', () => {
  it('when a holiday falls on a Saturday or Sunday in 2027, then the next Monday is off (1 May -> 3 May, 9 May -> 10 May, 12 June -> 14 June)', () => {
    expect(['2027-05-03', '2027-05-10', '2027-06-14'].map(isWorkingDay)).toEqual([false, false, false]);
    expect(isWorkingDay('2027-05-04')).toBe(true);
  });
});

describe('the emergency track after a removal act', () => {
  it('when a child is removed on Friday 30 October 2026, then the prosecutor is due at once, the register and the KDN in 3 working days (4 November is a holiday), the court claim in 7 days', () => {
    const track = emergencyTrack('2026-10-30', { PROSECUTOR_NOTIFIED: '2026-10-30T15:00:00.000Z' }, '2026-11-05');
    expect(track.map((i) => [i.step, i.dueOn, i.status])).toEqual([
      ['PROSECUTOR_NOTIFIED', '2026-10-30', 'DONE'],
      ['REGISTER_ENTRY', '2026-11-05', 'DUE'],
      ['COURT_CLAIM', '2026-11-06', 'DUE'],
      ['KDN_REPORT', '2026-11-05', 'DUE'],
    ]);
    expect(emergencyTrack('2026-10-30', {}, '2026-11-09').map((i) => i.status)).toEqual(['OVERDUE', 'OVERDUE', 'OVERDUE', 'OVERDUE']);
  });

  it('when the child was handed to the other parent, then the register step (Mari El 7.1 5): removal from the only or both parents) is not shown', () => {
    expect(emergencyTrack('2026-10-30', {}, '2026-11-09', 'OTHER_PARENT').map((i) => i.step)).toEqual(['PROSECUTOR_NOTIFIED', 'COURT_CLAIM', 'KDN_REPORT']);
  });

  it('when a step is marked with its date and document, then it is DONE past its due date', () => {
    const kdn = emergencyTrack('2026-10-30', { KDN_REPORT: { doneOn: '2026-11-05', documentRef: 'Письмо № 3' } }, '2026-11-09')[3];
    expect(kdn).toMatchObject({ step: 'KDN_REPORT', status: 'DONE', doneOn: '2026-11-05', documentRef: 'Письмо № 3' });
  });
});
