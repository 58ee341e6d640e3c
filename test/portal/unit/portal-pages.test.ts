import { axisScale, niceStep, position } from '../../../portal/src/charts/chart-scale';
import { checksAndConclusions, lastMonths, messagesBySource, MonthFigures, monthsBetween } from '../../../portal/src/pages/monitoring/monitoring-series';
import { checkpointVerdict, parseSavedCheckpoint, SavedCheckpoint } from '../../../portal/src/pages/auditor/checkpoint-verdict';
import { dayStartInstant, periodFilter } from '../../../portal/src/pages/auditor/log-period';
import { timeZoneOf } from '../../../portal/src/format/time-zones';
import { nextCursor, registerRow } from '../../../portal/src/pages/operator/register-rows';
import { composeInput, programmeState } from '../../../portal/src/pages/curator/compose-decisions';

describe('the charts scale their axis to round numbers', () => {
  it('when the largest figure is 0 or nothing is given, then the axis still runs 0..1 rather than dividing by zero', () => {
    expect(axisScale([])).toEqual({ max: 1, step: 1, ticks: [0, 1] });
    expect(axisScale([0, 0])).toEqual({ max: 1, step: 1, ticks: [0, 1] });
  });

  it('when figures are counts, then the step is 1, 2 or 5 times a power of ten and never a fraction', () => {
    expect(niceStep(3)).toBe(1);
    expect(niceStep(7)).toBe(2);
    expect(niceStep(23)).toBe(5);
    expect(niceStep(180)).toBe(50);
    expect(axisScale([3, 17, 23])).toEqual({ max: 25, step: 5, ticks: [0, 5, 10, 15, 20, 25] });
    expect(axisScale([100])).toEqual({ max: 100, step: 20, ticks: [0, 20, 40, 60, 80, 100] });
  });

  it('when a value is placed, then zero sits on the axis, the top at full length, and nothing falls outside', () => {
    const scale = axisScale([40]);
    expect(position(0, scale, 200)).toBe(0);
    expect(position(40, scale, 200)).toBe(200);
    expect(position(20, scale, 200)).toBe(100);
    expect(position(-3, scale, 200)).toBe(0);
    expect(position(80, scale, 200)).toBe(200);
  });
});

describe('the monitoring report is laid out month by month', () => {
  const month = (m: string) => monthsBetween(m, m)[0];
  const figures = (m: string, sources: Record<string, number>, checks: Record<string, number> = {}): MonthFigures => ({
    month: month(m),
    rows: Object.entries(checks).map(([code, value]) => ({ code, caption: code, value })),
    sources: Object.entries(sources).map(([sourceKind, messages]) => ({ sourceKind, caption: sourceKind.toLowerCase(), messages, minors: messages })),
  });

  it('when a period crosses a new year, then every month is there with its first and last day', () => {
    const months = monthsBetween('2025-11', '2026-02');
    expect(months.map((m) => [m.month, m.from, m.to, m.caption])).toEqual([
      ['2025-11', '2025-11-01', '2025-11-30', 'ноя 2025'],
      ['2025-12', '2025-12-01', '2025-12-31', 'дек 2025'],
      ['2026-01', '2026-01-01', '2026-01-31', 'янв 2026'],
      ['2026-02', '2026-02-01', '2026-02-28', 'фев 2026'],
    ]);
    expect(monthsBetween('2024-02', '2024-02')[0].to).toBe('2024-02-29');
    expect(monthsBetween('2026-03', '2026-01')).toEqual([]);
    expect(monthsBetween('2020-01', '2026-12')).toHaveLength(24);
  });

  it('when the last six months are asked in early March, then they start in October of the year before', () => {
    expect(lastMonths('2026-03-02', 6)).toEqual({ from: '2025-10', to: '2026-03' });
  });

  it('when sources are many, then the busiest keep their own line, the rest are summed, and no message is lost', () => {
    const months = [figures('2026-01', { SCHOOL: 5, POLICE: 2, PARENT: 1, MEDIA: 1 }), figures('2026-02', { SCHOOL: 1, POLICE: 4, HOTLINE: 0 })];
    const chart = messagesBySource(months, 2);
    expect(chart.categories).toEqual(['янв 2026', 'фев 2026']);
    expect(chart.series.map((s) => [s.key, s.values])).toEqual([
      ['POLICE', [2, 4]],
      ['SCHOOL', [5, 1]],
      ['OTHERS', [2, 0]],
    ]);
    const total = (d: typeof chart) => d.series.flatMap((s) => s.values).reduce((a, b) => a + b, 0);
    expect(total(chart)).toBe(14);
    expect(messagesBySource([figures('2026-01', { HOTLINE: 0 })]).series).toEqual([]);
  });

  it('when a month has no check rows, then its checks and conclusions read 0, not a gap', () => {
    const chart = checksAndConclusions([figures('2026-01', {}, { '2': 4, '3.1': 1, '3.3': 2 }), figures('2026-02', {})]);
    expect(chart.series.map((s) => [s.key, s.values])).toEqual([
      ['2', [4, 0]],
      ['3.1', [1, 0]],
      ['3.2', [0, 0]],
      ['3.3', [2, 0]],
    ]);
  });
});

describe('the chain is held against a checkpoint saved outside the hub', () => {
  const point = (position: number, hash = `h${position}`): SavedCheckpoint => ({ position, hash, signedAt: `2026-11-0${position % 9}T00:00:00Z`, keyId: 'k1', signature: `s${position}` });
  const intact = { ok: true, firstBadPosition: null, reason: null, headPosition: 500, summary: 'Цепочка цела' };

  it('when the file is not JSON or lacks fields, then it says so rather than checking nothing', () => {
    expect(parseSavedCheckpoint('нет')).toEqual({ error: expect.stringContaining('не JSON') });
    expect(parseSavedCheckpoint('{"position": 0, "hash": "x"}')).toEqual({ error: 'В контрольной точке нет полей: position, signedAt, keyId, signature.' });
    expect(parseSavedCheckpoint(JSON.stringify({ ...point(7), publicKey: 'PEM' }))).toEqual({ checkpoint: { ...point(7), publicKey: 'PEM' } });
  });

  it('when the chain is whole and the hub holds the same checkpoint, then the log is intact', () => {
    const v = checkpointVerdict(point(200), intact, [point(300), point(200), point(100)], 1000, null);
    expect(v.kind).toBe('intact');
    expect(v.headline).toContain('позиции 200');
  });

  it('when the hub verification fails, then the log is broken where it says, whatever the saved point', () => {
    const v = checkpointVerdict(point(200), { ...intact, ok: false, firstBadPosition: 57, reason: 'hash' }, [point(200)], 1000, null);
    expect(v).toMatchObject({ kind: 'broken', headline: 'Журнал нарушен на позиции 57: содержимое записи изменено.' });
  });

  it('when checkpoints were re-signed or deleted with the entries they covered, then the saved copy catches it', () => {
    expect(checkpointVerdict(point(200), intact, [point(300), point(200, 'forged'), point(100)], 1000, null).kind).toBe('broken');
    expect(checkpointVerdict(point(200), intact, [point(300), point(100)], 1000, null).headline).toContain('больше не хранит');
    expect(checkpointVerdict(point(200), intact, [], 1000, null).kind).toBe('broken');
    expect(checkpointVerdict(point(600), intact, [point(300)], 1000, null).headline).toContain('кончается на позиции 500');
  });

  it('when the saved point is older than every stored point the portal may list, then it cannot decide and says how to', () => {
    const stored = [point(300), point(250)];
    const v = checkpointVerdict(point(200), intact, stored, 2, null);
    expect(v.kind).toBe('unknown');
    expect(v.details.join(' ')).toContain('npm run audit:verify');
  });

  it('when the hub key changed since the point was saved, then the verdict says so', () => {
    const v = checkpointVerdict(
      { ...point(200), publicKey: '-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----' },
      intact,
      [point(200)],
      1000,
      '-----BEGIN PUBLIC KEY-----\nBBB\n-----END PUBLIC KEY-----',
    );
    expect(v.details.join(' ')).toContain('Открытый ключ хаба сменился');
    const same = checkpointVerdict(
      { ...point(200), publicKey: '-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----\n' },
      intact,
      [point(200)],
      1000,
      '-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----',
    );
    expect(same.details.join(' ')).not.toContain('ключ');
  });
});

describe("the access log's period is read in days of the region", () => {
  it('when a Vladivostok day is asked, then it begins at 14:00 UTC of the day before', () => {
    expect(dayStartInstant('2026-11-10', timeZoneOf('05701000'))).toBe('2026-11-09T14:00:00.000Z');
    expect(dayStartInstant('2026-11-10', timeZoneOf('88701000'))).toBe('2026-11-09T21:00:00.000Z');
  });

  it('when a period is given, then `to` is the start of the day after (the log treats it as exclusive), and an empty bound is left out', () => {
    expect(periodFilter('2026-11-10', '2026-11-30', timeZoneOf('04'))).toEqual({ from: '2026-11-09T17:00:00.000Z', to: '2026-11-30T17:00:00.000Z' });
    expect(periodFilter('', '', timeZoneOf('04'))).toEqual({});
  });
});

describe("the data bank's register cards are listed defensively", () => {
  it('when a card has an open entry and a closed one, then the open one is shown, children apart from adults', () => {
    const row = registerRow({
      familyId: 'f1',
      municipality: '05701000',
      actualAddress: 'г. Владивосток, ул. Тестовая, 1',
      register: [
        { includedOn: '2024-01-10', basis: 'Постановление № 1', removedOn: '2024-06-01', removalReason: 'исправление' },
        { includedOn: '2026-02-01', basis: 'Постановление № 9', removedOn: null },
      ],
      members: [
        { role: 'MOTHER', lastName: 'Примерова', firstName: 'Анна', middleName: null, birthDate: '1990-01-01' },
        { role: 'CHILD', lastName: 'Примеров', firstName: 'Иван', middleName: 'Петрович', birthDate: '2015-05-05' },
      ],
    });
    expect(row).toEqual({
      familyId: 'f1',
      municipality: '05701000',
      address: 'г. Владивосток, ул. Тестовая, 1',
      children: [{ name: 'Примеров Иван Петрович', birthDate: '2015-05-05' }],
      adults: [{ name: 'Примерова Анна', role: 'MOTHER' }],
      includedOn: '2026-02-01',
      basis: 'Постановление № 9',
      removedOn: null,
      removalReason: null,
    });
  });

  it('when a card lacks members and entries, then the row has dashes to show, and the cursor stops on a short page', () => {
    expect(registerRow({ familyId: 'f2' })).toMatchObject({ children: [], adults: [], includedOn: null, address: null });
    expect(nextCursor([{ familyId: 'a' }, { familyId: 'b' }], 2)).toBe('b');
    expect(nextCursor([{ familyId: 'a' }], 2)).toBeNull();
  });
});

describe("the curator's decisions on the proposals", () => {
  const proposed = [
    { id: 'p1', measure: 'Консультация психолога', dueDate: '2026-12-01' },
    { id: 'p2', measure: 'Патронаж', dueDate: '2026-12-10' },
    { id: 'p3', measure: 'Секция', dueDate: '2026-12-20' },
  ];

  it('when some are accepted (one with a new term) and one declined with a reason, then only what changed is sent and the undecided stay proposed', () => {
    const check = composeInput({ p1: { kind: 'accept' }, p2: { kind: 'accept', dueDate: '2026-12-15', measure: 'Патронаж' }, p3: { kind: 'decline', reason: ' Дублирует строку 1 ' } }, proposed);
    expect(check).toEqual({
      input: { accept: [{ proposalId: 'p1' }, { proposalId: 'p2', dueDate: '2026-12-15' }], decline: [{ proposalId: 'p3', reason: 'Дублирует строку 1' }] },
      problems: {},
    });
    expect(composeInput({ p1: { kind: 'accept' } }, proposed).input.accept).toHaveLength(1);
  });

  it('when a decline has no reason or nothing is decided, then the form names the problem instead of sending', () => {
    expect(composeInput({ p3: { kind: 'decline', reason: '  ' } }, proposed).problems).toEqual({ p3: 'Укажите причину: её увидит предложившая организация' });
    expect(composeInput({}, proposed).problems).toEqual({ '': 'Не выбрано ни одного решения' });
    expect(composeInput({ p1: { kind: 'accept', measure: ' ' } }, proposed).problems.p1).toContain('пустым');
  });

  it("when the programme's rows are counted, then cancelled rows do not count and overdue ones are named", () => {
    expect(programmeState([])).toBe('программы нет');
    expect(programmeState([{ doneOn: '2026-11-01', overdue: false }, { overdue: true }, { overdue: false }, { overdue: true, cancelled: true }])).toBe('1 из 3 исполнено, 1 просрочено');
  });
});
