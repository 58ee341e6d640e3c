import { loadIndicatorCatalogue } from '../../schema/catalogue/indicator.catalogue';
import { ageOn, nameKey } from '../../subgraphs/bank/identity/services/person.view';
import { isSnilsChecksumValid } from '../../subgraphs/common/validation';
import {
  CHILD_BIRTH_TO,
  generateDemoData,
  OBSERVED_FROM,
  OBSERVED_TO,
  parseSeedSize,
  PersonRow,
  REFERENCE_DATE,
  schoolGrade,
  SEED_AGENCIES,
  SeedBatch,
  SeedGenerator,
  SnilsAllocator,
} from '../../scripts/seed/generate';
import { feminineSurname, patronymic } from '../../scripts/seed/names';
import { addYears, dayNumber, fullYears, isoDate, Random } from '../../scripts/seed/random';
import { progressBar } from '../../scripts/seed/seed';

const REFERENCE = new Date(`${REFERENCE_DATE}T00:00:00Z`);
const catalogue = loadIndicatorCatalogue();

describe('seed random generator', () => {
  it('repeats itself for the same seed and stream, and differs otherwise', () => {
    const draw = (r: Random) => Array.from({ length: 20 }, () => r.uint32());
    expect(draw(Random.from(5))).toEqual(draw(Random.from(5)));
    expect(draw(Random.from(5))).not.toEqual(draw(Random.from(6)));
    expect(draw(Random.stream(5, 1, 0))).not.toEqual(draw(Random.stream(5, 1, 1)));
    expect(draw(Random.stream(2 ** 40 + 5, 1, 0))).not.toEqual(draw(Random.stream(5, 1, 0)));
  });

  it('keeps int, dateBetween and uuid within their contracts', () => {
    const r = Random.from(1);
    const seen = new Set<number>();
    const outside: unknown[] = [];
    for (let i = 0; i < 10_000; i++) {
      const n = r.int(-2, 3);
      if (n < -2 || n > 3) outside.push(n);
      seen.add(n);
      const d = r.dateBetween('2024-02-27', '2024-03-02');
      if (d < '2024-02-27' || d > '2024-03-02') outside.push(d);
    }
    expect(outside).toEqual([]);
    expect(seen.size).toBe(6);
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(
      r.weighted([
        ['a', 0],
        ['b', 1],
      ]),
    ).toBe('b');
  });

  it('does calendar arithmetic like Date does', () => {
    const wrong: string[] = [];
    for (let day = dayNumber('1930-01-01'); day < dayNumber('2040-01-01'); day += 3) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (isoDate(day) !== iso || dayNumber(iso) !== day) wrong.push(`${day} ${iso} ${isoDate(day)}`);
    }
    expect(wrong).toEqual([]);
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(fullYears('2008-11-23', '2026-11-22')).toBe(17);
    expect(fullYears('2008-11-22', '2026-11-22')).toBe(18);
  });
});

describe('seed name material', () => {
  it.each([
    ['Иван', 'Иванович', 'Ивановна'],
    ['Сергей', 'Сергеевич', 'Сергеевна'],
    ['Николай', 'Николаевич', 'Николаевна'],
    ['Игорь', 'Игоревич', 'Игоревна'],
    ['Юрий', 'Юрьевич', 'Юрьевна'],
    ['Евгений', 'Евгеньевич', 'Евгеньевна'],
    ['Дмитрий', 'Дмитриевич', 'Дмитриевна'],
    ['Пётр', 'Петрович', 'Петровна'],
    ['Павел', 'Павлович', 'Павловна'],
    ['Лев', 'Львович', 'Львовна'],
    ['Михаил', 'Михайлович', 'Михайловна'],
    ['Яков', 'Яковлевич', 'Яковлевна'],
    ['Илья', 'Ильич', 'Ильинична'],
    ['Никита', 'Никитич', 'Никитична'],
    ['Кузьма', 'Кузьмич', 'Кузьминична'],
    ['Фёдор', 'Фёдорович', 'Фёдоровна'],
    ['Ринат', 'Ринатович', 'Ринатовна'],
  ])('derives patronymics from %s', (father, male, female) => {
    expect(patronymic(father, 'MALE')).toBe(male);
    expect(patronymic(father, 'FEMALE')).toBe(female);
  });

  it.each([
    ['Иванов', 'Иванова'],
    ['Соловьёв', 'Соловьёва'],
    ['Никитин', 'Никитина'],
    ['Вишневский', 'Вишневская'],
    ['Высоцкий', 'Высоцкая'],
    ['Черных', 'Черных'],
    ['Шевченко', 'Шевченко'],
    ['Ким', 'Ким'],
  ])('gives the feminine form of %s', (masculine, feminine) => {
    expect(feminineSurname(masculine)).toBe(feminine);
  });
});

describe('seed data generator', () => {
  let data: SeedBatch;
  let elapsedMs: number;
  const personsById = new Map<string, PersonRow>();
  beforeAll(() => {
    const started = Date.now();
    data = generateDemoData({ seed: 20261122, children: 1000 });
    elapsedMs = Date.now() - started;
    for (const p of data.persons) personsById.set(p.id, p);
  });

  it('generates 1000 children in memory quickly', () => {
    expect(data.children).toBe(1000);
    expect(data.members.filter((m) => m.role === 'CHILD')).toHaveLength(1000);
    // ~0.1 s on a laptop; generous for a loaded CI machine.
    expect(elapsedMs).toBeLessThan(5000);
  });

  it('gives identical rows for the same seed, whatever the chunk sizes', () => {
    const again = generateDemoData({ seed: 20261122, children: 1000 });
    expect(again).toEqual(data);
    const generator = new SeedGenerator({ seed: 20261122, children: 1000 });
    const chunks: SeedBatch[] = [];
    for (let batch = generator.next(37); batch; batch = generator.next(101)) chunks.push(batch);
    expect(chunks.length).toBeGreaterThan(5);
    const joined = (key: keyof Omit<SeedBatch, 'children'>) => chunks.flatMap((c) => c[key] as unknown[]);
    for (const key of ['families', 'persons', 'members', 'registerEntries', 'signals', 'measures', 'schoolStatuses'] as const) {
      expect(joined(key)).toEqual(data[key]);
    }
  });

  it('gives different rows for a different seed', () => {
    const other = generateDemoData({ seed: 20261123, children: 1000 });
    const ids = new Set(data.persons.map((p) => p.id));
    expect(other.persons.some((p) => ids.has(p.id))).toBe(false);
    expect(other.persons.map((p) => p.nameKey)).not.toEqual(data.persons.map((p) => p.nameKey));
  });

  it('gives every person a unique id and a valid unique SNILS, leaving about 10% without one', () => {
    expect(new Set(data.persons.map((p) => p.id)).size).toBe(data.persons.length);
    const snils = data.persons.map((p) => p.snils).filter((s): s is string => s !== null);
    for (const s of snils) {
      expect(s).toMatch(/^\d{11}$/);
      expect(isSnilsChecksumValid(s)).toBe(true);
      expect(Number(s.slice(0, 9))).toBeGreaterThan(1_001_998);
    }
    expect(new Set(snils).size).toBe(snils.length);
    const without = 1 - snils.length / data.persons.length;
    expect(without).toBeGreaterThan(0.06);
    expect(without).toBeLessThan(0.14);
  });

  it('hands out unique SNILS numbers over a long run', () => {
    const allocator = new SnilsAllocator(3);
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(allocator.next());
    expect(seen.size).toBe(200_000);
  });

  it('stores name_key exactly as the bank computes it, and names agree with sex', () => {
    for (const p of data.persons) {
      expect(p.nameKey).toBe(nameKey(p.lastName, p.firstName, p.middleName));
      expect(p.middleName).toMatch(p.sex === 'MALE' ? /ич$/ : /на$/);
      expect(['05701000', '88701000']).toContain(p.municipality);
      expect(p.registeredAddress).toMatch(/^г\. (Владивосток|Йошкар-Ола), .+, д\. /);
      expect(p.createdBy).toBe('seed');
    }
    const fathers = data.members.filter((m) => m.role === 'FATHER').map((m) => personsById.get(m.personId)!);
    expect(fathers.every((f) => f.sex === 'MALE')).toBe(true);
    const mothers = data.members.filter((m) => m.role === 'MOTHER').map((m) => personsById.get(m.personId)!);
    expect(mothers.every((f) => f.sex === 'FEMALE')).toBe(true);
  });

  it('makes children 0-17 on the reference day and parents 20-55 at each child birth', () => {
    const byFamily = new Map<string, { role: string; person: PersonRow }[]>();
    for (const m of data.members) {
      const list = byFamily.get(m.familyId) ?? [];
      list.push({ role: m.role, person: personsById.get(m.personId)! });
      byFamily.set(m.familyId, list);
    }
    for (const members of byFamily.values()) {
      const children = members.filter((m) => m.role === 'CHILD').map((m) => m.person);
      for (const child of children) {
        expect(ageOn(child.birthDate, REFERENCE)).toBeGreaterThanOrEqual(0);
        expect(ageOn(child.birthDate, REFERENCE)).toBeLessThanOrEqual(17);
        expect(child.birthDate <= CHILD_BIRTH_TO).toBe(true);
        for (const parent of members.filter((m) => m.role === 'MOTHER' || m.role === 'FATHER').map((m) => m.person)) {
          const age = fullYears(parent.birthDate, child.birthDate);
          expect(age).toBeGreaterThanOrEqual(20);
          expect(age).toBeLessThanOrEqual(55);
        }
      }
      for (const adult of members.filter((m) => m.role !== 'CHILD')) expect(ageOn(adult.person.birthDate, REFERENCE)).toBeGreaterThanOrEqual(20);
    }
  });

  it('builds families of 1-5 children whose categories follow the composition', () => {
    const kinds = { large: 0, single: 0, guardian: 0, twoParents: 0, five: 0 };
    for (const family of data.families) {
      const members = data.members.filter((m) => m.familyId === family.id);
      const children = members.filter((m) => m.role === 'CHILD').length;
      const parents = members.filter((m) => m.role === 'MOTHER' || m.role === 'FATHER').length;
      const guardians = members.filter((m) => m.role === 'GUARDIAN').length;
      const others = members.filter((m) => m.role === 'OTHER_ADULT').length;
      expect(children).toBeGreaterThanOrEqual(1);
      expect(children).toBeLessThanOrEqual(5);
      expect(parents + guardians).toBeGreaterThanOrEqual(1);
      expect(family.categories.includes('LARGE_FAMILY')).toBe(children >= 3);
      expect(family.categories.includes('SINGLE_PARENT')).toBe(parents === 1 && guardians === 0 && others === 0);
      expect(family.categories.includes('GUARDIAN_OR_FOSTER')).toBe(guardians > 0);
      expect([...family.categories].sort()).toEqual(family.categories);
      if (children >= 3) kinds.large++;
      if (children === 5) kinds.five++;
      if (family.categories.includes('SINGLE_PARENT')) kinds.single++;
      if (guardians) kinds.guardian++;
      if (parents === 2) kinds.twoParents++;
    }
    for (const count of Object.values(kinds)) expect(count).toBeGreaterThan(0);
    expect(kinds.twoParents).toBeGreaterThan(kinds.single);
  });

  it('spreads signals over the five agencies and the three levels, mostly L1 and routine', () => {
    expect(data.signals.length).toBeGreaterThan(500);
    const byAgency = new Map<string, number>();
    const byLevel = { L1: 0, L2: 0, L3: 0 } as Record<string, number>;
    let routine = 0;
    let ownSource = 0;
    const own: Record<string, string> = { education: 'EDUCATION', health: 'HEALTH', police: 'POLICE', social: 'SOCIAL', guardianship: 'GUARDIANSHIP' };
    for (const s of data.signals) {
      byAgency.set(s.agency, (byAgency.get(s.agency) ?? 0) + 1);
      expect(s.indicatorCodes.length).toBeGreaterThanOrEqual(1);
      expect(catalogue.unknownCodes(s.indicatorCodes)).toEqual([]);
      expect(new Set(s.indicatorCodes).size).toBe(s.indicatorCodes.length);
      for (const code of s.indicatorCodes) byLevel[code.split('-').at(-2)!]++;
      if (s.urgency === 'ROUTINE') routine++;
      if (s.sourceKind === own[s.agency]) ownSource++;
      expect(s.clientId).toBe(`${s.agency}-system`);
      expect(s.status).toBe('REPORTED');
      expect(s.createdBy).toBe('seed');
      expect(s.requestHash).toBe('seed');
      const day = s.observedAt.slice(0, 10);
      expect(day >= OBSERVED_FROM && day <= OBSERVED_TO).toBe(true);
      expect(day > personsById.get(s.childId)!.birthDate).toBe(true);
      expect(Date.parse(s.createdAt)).toBeGreaterThanOrEqual(Date.parse(s.observedAt));
      expect(s.description.length).toBeGreaterThan(20);
    }
    expect([...byAgency.keys()].sort()).toEqual([...SEED_AGENCIES].sort());
    expect(byLevel.L1).toBeGreaterThan(byLevel.L2);
    expect(byLevel.L2).toBeGreaterThan(byLevel.L3);
    expect(byLevel.L3).toBeGreaterThan(0);
    expect(routine / data.signals.length).toBeGreaterThan(0.7);
    expect(ownSource / data.signals.length).toBeGreaterThan(0.6);
    const keys = data.signals.map((s) => `${s.clientId}/${s.idempotencyKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(data.signals[0].idempotencyKey).toMatch(/^seed-20261122-signal-\d+$/);
    // Education signals mostly name the education criterion's neighbours.
    const education = data.signals.filter((s) => s.agency === 'education');
    const educational = education.filter((s) => /^(EDUCATION|INTELLECTUAL|SOCIAL_BEHAVIOUR|EMOTIONAL|OUT_OF_SCHOOL)-/.test(s.indicatorCodes[0]));
    expect(educational.length / education.length).toBeGreaterThan(0.6);
  });

  it('gives some children measures whose status follows the done date', () => {
    expect(data.measures.length).toBeGreaterThan(50);
    const children = new Set(data.measures.map((m) => m.childId));
    expect(children.size).toBeLessThan(1000);
    for (const m of data.measures) {
      expect(m.status).toBe(m.doneDate ? 'DONE' : 'PLANNED');
      if (m.result) expect(m.doneDate).not.toBeNull();
      if (m.doneDate) expect(m.doneDate <= OBSERVED_TO).toBe(true);
      expect(m.dueDate >= OBSERVED_FROM).toBe(true);
      expect(m.clientId).toBe(`${m.agency}-system`);
      expect(m.idempotencyKey).toMatch(/^seed-20261122-measure-\d+$/);
    }
    expect(data.measures.some((m) => m.status === 'DONE')).toBe(true);
    expect(data.measures.some((m) => m.status === 'PLANNED')).toBe(true);
  });

  it('gives school-age children (7-17) one school status per academic year', () => {
    expect(data.schoolStatuses.length).toBeGreaterThan(300);
    const pairs = new Set<string>();
    for (const s of data.schoolStatuses) {
      const age = ageOn(personsById.get(s.childId)!.birthDate, REFERENCE);
      expect(age).toBeGreaterThanOrEqual(7);
      expect(age).toBeLessThanOrEqual(17);
      expect(s.academicYear).toMatch(/^(2025\/2026|2026\/2027)$/);
      expect(s.className).toMatch(/^(1[01]|[1-9])[А-Д]$/);
      expect(s.internalRegister).toBe(s.internalRegisterSince !== null);
      expect(s.unexcusedAbsences).toBeGreaterThanOrEqual(0);
      const key = `${s.childId}/${s.academicYear}`;
      expect(pairs.has(key)).toBe(false);
      pairs.add(key);
    }
    expect(schoolGrade('2019-09-01', 2026)).toBe(1);
    expect(schoolGrade('2009-03-15', 2026)).toBe(11);
  });

  it('puts some children of socially dangerous families into the data bank', () => {
    const big = generateDemoData({ seed: 20261122, children: 3000 });
    expect(big.registerEntries.length).toBeGreaterThan(0);
    const children = new Set(big.members.filter((m) => m.role === 'CHILD').map((m) => `${m.familyId}/${m.personId}`));
    for (const e of big.registerEntries) {
      expect(children.has(`${e.familyId}/${e.childId}`)).toBe(true);
      expect(e.basis).toMatch(/^Постановление КДН и ЗП г\. .+ от \d{2}\.\d{2}\.\d{4} № \d+\/\d+$/);
      if (e.removedOn) expect(e.removedOn > e.includedOn).toBe(true);
    }
  });
});

describe('seed size flag and progress bar', () => {
  it.each([
    ['small', 1_000],
    ['medium', 10_000],
    ['large', 100_000],
    ['2500', 2_500],
    ['10k', 10_000],
    ['1.5k', 1_500],
  ])('reads --size %s', (flag, children) => {
    expect(parseSeedSize(flag)).toBe(children);
  });

  it('rejects nonsense sizes', () => {
    expect(() => parseSeedSize('huge')).toThrow(/size "huge"/);
    expect(() => parseSeedSize('0')).toThrow();
  });

  it('prints a line every 10% when the output is not a terminal', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    const bar = progressBar('seed', stream);
    for (let done = 0; done <= 1000; done += 50) bar(done, 1000);
    expect(lines).toHaveLength(11);
    expect(lines[10]).toMatch(/^seed: 100% \(1000\/1000\)/);
  });

  it('redraws one line with \\r on a terminal', () => {
    const out: string[] = [];
    const stream = { isTTY: true, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream;
    const bar = progressBar('seed', stream);
    bar(500, 1000);
    bar(1000, 1000);
    expect(out[0]).toMatch(/^\rseed \[#{15}\.{15}\] {2}50% 500\/1000/);
    expect(out.at(-1)).toBe('\n');
  });
});
