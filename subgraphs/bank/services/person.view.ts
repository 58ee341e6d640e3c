import { Sex } from '../../../schema/enums';
import { formatSnils } from '../../common/validation';
import { PersonEntity } from '../entities/person.entity';
import { Person, PersonMatch } from '../types/person.types';

export function ageOn(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  let age = today.getUTCFullYear() - y;
  const month = today.getUTCMonth() + 1;
  if (month < m || (month === m && today.getUTCDate() < d)) age--;
  return age;
}

export function toPerson(row: PersonEntity): Person {
  return {
    id: row.id,
    snils: row.snils ? formatSnils(row.snils) : null,
    lastName: row.lastName,
    firstName: row.firstName,
    middleName: row.middleName,
    fullName: [row.lastName, row.firstName, row.middleName].filter(Boolean).join(' '),
    birthDate: row.birthDate,
    age: ageOn(row.birthDate),
    sex: row.sex as Sex,
    registeredAddress: row.registeredAddress,
    actualAddress: row.actualAddress,
    municipality: row.municipality,
    createdAt: row.createdAt,
  };
}

/** Matching key for people without SNILS: case, ё/е and spacing must not create a second record. */
export function nameKey(lastName: string, firstName: string, middleName: string | null): string {
  return [lastName, firstName, middleName ?? '']
    .join(' ')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}

export function toPersonMatch(row: PersonEntity): PersonMatch {
  return {
    id: row.id,
    fullName: [row.lastName, row.firstName, row.middleName].filter(Boolean).join(' '),
    birthDate: row.birthDate,
    sex: row.sex as Sex,
    municipality: row.municipality,
    maskedSnils: row.snils ? `***-***-*${row.snils.slice(7, 9)} ${row.snils.slice(9)}` : null,
  };
}
