import { randomUUID } from 'node:crypto';
import { snilsChecksum } from '../../subgraphs/common/validation';

/** Synthetic people only. Counters make every SNILS unique within a run and valid by checksum. */
let serial = 0;
const next = () => ++serial;

export function validSnils(): string {
  const nine = String(200_000_000 + next() * 7919 + Math.floor(Math.random() * 1000)).padStart(9, '0').slice(-9);
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
