import { Sex } from '../../../../schema/enums';
import { formatSnils } from '../../../common/validation';
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

/**
 * Matching key for people without SNILS: Unicode form (composed or decomposed "Й", full-width
 * letters), case, ё/е, the kind of hyphen or apostrophe and spacing must not create a second
 * record. Names are validated before they get here; invisible characters are still dropped, so
 * that a name stored by another path (the seed, an old row) cannot hide behind one.
 */
export function nameKey(lastName: string, firstName: string, middleName: string | null): string {
  return (
    [lastName, firstName, middleName ?? '']
      .join(' ')
      .normalize('NFKC')
      .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
      // Lower, upper, lower approximates full case folding where lower alone does not (ẞ, ß and SS; ς and σ).
      .toLowerCase()
      .toUpperCase()
      .toLowerCase()
      .normalize('NFKC')
      .replace(/ё/g, 'е')
      .replace(/\p{Pd}/gu, '-')
      .replace(/[‘’ʼ`]/g, "'")
      .replace(/\s+/g, ' ')
      .replace(/ ?- ?/g, '-')
      .trim()
  );
}

/** A matched record the caller may not read: its id, nothing else (not even the territory). */
export function opaqueMatch(id: string): PersonMatch {
  return { id, disclosed: false, fullName: null, birthDate: null, sex: null, municipality: null, maskedSnils: null };
}

export function toPersonMatch(row: PersonEntity): PersonMatch {
  return {
    id: row.id,
    disclosed: true,
    fullName: [row.lastName, row.firstName, row.middleName].filter(Boolean).join(' '),
    birthDate: row.birthDate,
    sex: row.sex as Sex,
    municipality: row.municipality,
    maskedSnils: row.snils ? `***-***-*${row.snils.slice(7, 9)} ${row.snils.slice(9)}` : null,
  };
}
