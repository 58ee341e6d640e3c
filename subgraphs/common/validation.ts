import { inputError } from './errors';
import { codePointLabel, firstRefusedInName, firstRefusedInText, hasLetter, RefusedCharacter } from './text-rules';

/**
 * Field rules shared by every subgraph. Each check throws an input error naming the field,
 * the value and the rule; services run all checks before opening a transaction.
 */

/** SNILS: 11 digits, the last two a checksum over the first nine (PFR rules; numbers up to 001-001-998 carry none). */
export function normaliseSnils(field: string, raw: string): string {
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d{11}$/.test(digits)) {
    throw inputError(field, raw, 'snils.format', 'СНИЛС должен состоять из 11 цифр (формат 123-456-789 01)');
  }
  if (!isSnilsChecksumValid(digits)) {
    throw inputError(field, raw, 'snils.checksum', 'неверная контрольная сумма СНИЛС');
  }
  return digits;
}

export function isSnilsChecksumValid(digits: string): boolean {
  const number = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  if (Number(number) <= 1001998) return true;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(number[i]) * (9 - i);
  let expected = sum % 101;
  if (expected === 100) expected = 0;
  return expected === check;
}

export function snilsChecksum(nineDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (9 - i);
  let check = sum % 101;
  if (check === 100) check = 0;
  return String(check).padStart(2, '0');
}

export function formatSnils(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}`;
}

/**
 * Free text: NFC, so that one spelling is stored one way whatever keyboard or system sent it.
 * NUL and C0 controls other than \t \n \r are refused as field errors: PostgreSQL cannot store
 * NUL, and the rest are never part of a record. The length is checked before anything reads the
 * characters (a 10 MB value costs nothing more) and again after NFC, which may lengthen a string.
 */
export function text(field: string, value: string, max: number, { required = true } = {}): string {
  maxLength(field, value, max);
  const bad = firstRefusedInText(value);
  if (bad) throw refusedCharacter(field, value, bad);
  return normalised(field, value, max, required);
}

export function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = text(field, value, max, { required: false });
  return trimmed.length ? trimmed : null;
}

/**
 * A person's name (surname, first name, patronymic, "Петрова М. С."): NFC; letters of any
 * script, digits, spaces, hyphens, apostrophes and dots. Controls, bidi controls, zero-width and
 * other invisible characters, non-characters and half surrogate pairs are refused, each with its
 * own rule: they would let one name be stored in spellings the duplicate check cannot see.
 */
export function personName(field: string, value: string, max: number, { required = true } = {}): string {
  maxLength(field, value, max);
  const bad = firstRefusedInName(value);
  if (bad) throw refusedCharacter(field, value, bad);
  const name = normalised(field, value, max, required);
  if (name.length && !hasLetter(name)) {
    throw inputError(field, value, 'name.letter', 'имя должно содержать хотя бы одну букву');
  }
  return name;
}

export function optionalPersonName(field: string, value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  const name = personName(field, value, max, { required: false });
  return name.length ? name : null;
}

function maxLength(field: string, value: string, max: number): void {
  if (value.length > max) {
    throw inputError(field, value, 'text.maxLength', `длина ${value.length} превышает допустимые ${max} символов`);
  }
}

function normalised(field: string, value: string, max: number, required: boolean): string {
  const trimmed = value.normalize('NFC').trim();
  if (required && trimmed.length === 0) {
    throw inputError(field, value, 'text.required', 'значение не может быть пустым');
  }
  maxLength(field, trimmed, max);
  return trimmed;
}

function refusedCharacter(field: string, value: string, bad: RefusedCharacter) {
  return inputError(field, value, bad.rule, `недопустимый символ ${codePointLabel(bad.codePoint)} (${bad.what}) в позиции ${bad.position}`);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Calendar date "YYYY-MM-DD"; `notInFuture` compares with today's date in UTC+3 is not needed: a day of slack is allowed. */
export function date(field: string, value: string, { notInFuture = false, notBefore = '1900-01-01' } = {}): string {
  const parsed = new Date(`${value}T00:00:00Z`);
  if (!ISO_DATE.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw inputError(field, value, 'date.format', 'дата должна быть в формате ГГГГ-ММ-ДД');
  }
  if (value < notBefore) {
    throw inputError(field, value, 'date.range', `дата не может быть раньше ${notBefore}`);
  }
  // Allow one day ahead: the sender may be in a time zone east of the server's (Vladivostok is UTC+10).
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  if (notInFuture && value > tomorrow) {
    throw inputError(field, value, 'date.notInFuture', 'дата не может быть в будущем');
  }
  return value;
}

export function dateTime(field: string, value: Date, { notInFuture = false } = {}): Date {
  if (Number.isNaN(value.getTime())) {
    throw inputError(field, String(value), 'datetime.format', 'неверная дата и время');
  }
  if (notInFuture && value.getTime() > Date.now() + 5 * 60 * 1000) {
    throw inputError(field, value.toISOString(), 'datetime.notInFuture', 'момент не может быть в будущем');
  }
  return value;
}

export function integerRange(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw inputError(field, value, 'integer.range', `значение должно быть целым от ${min} до ${max}`);
  }
  return value;
}

/** OKTMO codes of municipalities: 8 digits (or 11 for settlements). */
export function oktmo(field: string, value: string): string {
  if (!/^(\d{8}|\d{11})$/.test(value)) {
    throw inputError(field, value, 'oktmo.format', 'код ОКТМО должен состоять из 8 или 11 цифр');
  }
  return value;
}

/** Client-supplied idempotency keys: a UUID or any 8..128 visible ASCII characters. */
export function idempotencyKey(field: string, value: string): string {
  if (!/^[\x21-\x7e]{8,128}$/.test(value)) {
    throw inputError(field, value, 'idempotencyKey.format', 'ключ идемпотентности: от 8 до 128 видимых ASCII-символов');
  }
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuid(field: string, value: string): string {
  if (!UUID.test(value)) throw inputError(field, value, 'id.format', 'идентификатор должен быть UUID');
  return value.toLowerCase();
}

export function optionalUuid(field: string, value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : uuid(field, value);
}
