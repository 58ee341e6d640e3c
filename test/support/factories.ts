import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { snilsChecksum } from '../../subgraphs/common/validation';
import { claim } from './claim';

/**
 * Synthetic people only. Each test file claims a block of numbers of its own for the run (a
 * directory made in the run's shared folder: mkdir succeeds for one file only), so SNILS and
 * names never repeat between files, including files that share a hub and its database. Outside
 * Jest's global setup the block is drawn at random.
 */
function claimBlock(): number {
  const dir = process.env.HUB_TEST_SHARED_DIR;
  if (!dir) return randomInt(1, 9000);
  mkdirSync(path.join(dir, 'blocks'), { recursive: true });
  for (let block = 1; block < 9000; block++) if (claim(path.join(dir, 'blocks', String(block)))) return block;
  throw new Error('no block of synthetic numbers left for this test file');
}

const BLOCK = claimBlock();
let serial = 0;
/** Unique within the run: the file's block and a counter (up to 99,999 a file). */
const next = () => BLOCK * 100_000 + ++serial;

export function validSnils(): string {
  const nine = String(100_000_000 + next());
  return `${nine.slice(0, 3)}-${nine.slice(3, 6)}-${nine.slice(6, 9)} ${snilsChecksum(nine)}`;
}

export function personInput(overrides: Record<string, unknown> = {}) {
  const n = next();
  return {
    idempotencyKey: `person-${randomUUID()}`,
    snils: validSnils(),
    lastName: 'Тестова',
    firstName: `Анна${n}`,
    middleName: 'Ивановна',
    birthDate: '2014-05-17',
    sex: 'FEMALE',
    registeredAddress: 'г. Владивосток, ул. Тестовая, д. 1, кв. 1',
    actualAddress: 'г. Владивосток, ул. Тестовая, д. 1, кв. 1',
    municipality: '05701000',
    ...overrides,
  };
}

export function signalInput(childId: string, overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: `signal-${randomUUID()}`,
    childId,
    observedAt: '2026-11-02T09:30:00+10:00',
    reporter: { name: 'Петрова Мария Сергеевна', position: 'социальный педагог', organisation: 'МБОУ СОШ № 1' },
    sourceKind: 'EDUCATION',
    indicatorCodes: ['EDUCATION-L1-01'],
    urgency: 'ROUTINE',
    description: 'Ребёнок систематически пропускает занятия без уважительной причины',
    ...overrides,
  };
}

export function measureInput(childId: string, overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: `measure-${randomUUID()}`,
    childId,
    title: 'Индивидуальная профилактическая беседа',
    kind: 'PREVENTIVE_TALK',
    dueDate: '2026-12-01',
    executor: { name: 'Петрова Мария Сергеевна', organisation: 'МБОУ СОШ № 1' },
    ...overrides,
  };
}

/** Each agency's own facts mutation, with a valid input for a child: for tests that write as every agency. */
export function factsMutation(agency: 'education' | 'health' | 'police' | 'social' | 'guardianship', childId: string): { query: string; input: Record<string, unknown> } {
  const key = () => `facts-${randomUUID()}`;
  const cases = {
    education: [
      'RecordSchoolStatusInput',
      'recordSchoolStatus(input: $input) { className }',
      {
        childId,
        academicYear: '2026/2027',
        schoolName: 'МБОУ СОШ № 1',
        className: '6Б',
        unexcusedAbsences: 42,
        failingGrades: 3,
        internalRegister: true,
        internalRegisterSince: '2026-10-01',
        internalRegisterReason: 'пропуски',
      },
    ],
    health: [
      'RecordHealthStatusInput',
      'recordHealthStatus(input: $input) { clinicName }',
      { childId, clinicName: 'Детская поликлиника № 3', clinicDistrict: 'участок 12', lastCheckupOn: '2026-03-10', healthGroup: 'II', disabled: false, careConcerns: ['MISSED_CHECKUPS'] },
    ],
    police: [
      'RegisterJuvenileInput',
      'registerJuvenile(input: $input) { id }',
      { idempotencyKey: key(), childId, unit: 'ПДН ОП № 1', registeredOn: '2026-09-01', reason: 'самовольные уходы из дома' },
    ],
    social: ['RecordSocialPatronageInput', 'recordPatronage(input: $input) { id }', { idempotencyKey: key(), childId, kind: 'PERIODIC', institution: 'КЦСОН', startedOn: '2026-10-15' }],
    guardianship: [
      'RecordHousingInspectionInput',
      'recordHousingInspection(input: $input) { id }',
      { idempotencyKey: key(), childId, actNumber: 'А-17', inspectedOn: '2026-11-01', inspector: 'Сидорова Е. В.', conclusion: 'условия удовлетворительные', threatToLifeOrHealth: false },
    ],
  } as const;
  const [type, selection, input] = cases[agency];
  return { query: `mutation Facts($input: ${type}!) { ${agency} { ${selection} } }`, input: { ...input } };
}
