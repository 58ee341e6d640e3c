import { GraphQLResolveInfo, Kind, ValueNode } from 'graphql';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';
import { nameKey } from '../../identity/services/person.view';

/** Result limits: a search narrows, it is no way to list a territory (that is `children`). */
export const SEARCH_FIRST_DEFAULT = 20;
export const SEARCH_FIRST_MAX = 50;

export interface ChildCriteria {
  snils: string | null;
  /** The name folded like `person.name_key` (case, ё/е, hyphens, spacing). */
  name: string | null;
  birthDate: string | null;
  /** LIKE patterns, one per word of the address part, each escaped. */
  address: string[];
}

export interface FamilyCriteria {
  memberName: string | null;
  address: string[];
}

/** The kind of a search for the access log: the names of the criteria given, never their values. */
export function criteriaNames(criteria: object): string[] {
  return Object.entries(criteria)
    .filter(([, value]) => value !== null && !(Array.isArray(value) && value.length === 0))
    .map(([name]) => name)
    .sort();
}

export function childCriteria(input: { snils?: string | null; name?: string | null; birthDate?: string | null; address?: string | null }): ChildCriteria {
  const criteria: ChildCriteria = {
    snils: input.snils == null ? null : v.normaliseSnils('query.snils', input.snils),
    name: input.name == null ? null : searchName('query.name', input.name),
    birthDate: input.birthDate == null ? null : v.date('query.birthDate', input.birthDate, { notInFuture: true }),
    address: input.address == null ? [] : addressPatterns('query.address', input.address),
  };
  if (criteriaNames(criteria).length === 0) {
    throw inputError('query', null, 'search.criterion', 'укажите хотя бы один признак поиска: СНИЛС, ФИО, дату рождения или часть адреса');
  }
  return criteria;
}

export function familyCriteria(input: { memberName?: string | null; address?: string | null }): FamilyCriteria {
  const criteria: FamilyCriteria = {
    memberName: input.memberName == null ? null : searchName('query.memberName', input.memberName),
    address: input.address == null ? [] : addressPatterns('query.address', input.address),
  };
  if (criteriaNames(criteria).length === 0) {
    throw inputError('query', null, 'search.criterion', 'укажите хотя бы один признак поиска: ФИО члена семьи или часть адреса');
  }
  return criteria;
}

/** A name or a part of it, folded by the same function as the stored key, so both sides compare alike. */
function searchName(field: string, value: string): string {
  const key = nameKey(v.personName(field, value, 200), '', null);
  if ([...key.replace(/[\s'.-]/g, '')].length < 2) {
    throw inputError(field, value, 'search.nameTooShort', 'для поиска по ФИО нужно не меньше двух букв');
  }
  return key;
}

/**
 * The words of an address part, each to be found anywhere in the folded address (so "Тестовая 1"
 * finds "ул. Тестовая, д. 1"). One word of three or more characters at least: "1" alone would list
 * half a territory.
 */
function addressPatterns(field: string, value: string): string[] {
  const words = v
    .text(field, value, 200)
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[\s,;]+/u)
    .filter((word) => word.length > 0);
  if (!words.some((word) => [...word].length >= 3)) {
    throw inputError(field, value, 'search.addressTooShort', 'в части адреса нужно хотя бы одно слово не короче трёх символов');
  }
  if (words.length > 8) throw inputError(field, value, 'search.addressWords', 'в части адреса не больше восьми слов');
  return words.map((word) => `%${word.replace(/[\\%_]/g, '\\$&')}%`);
}

/**
 * Search values only in variables: the access log keeps a hash of the operation's text, and a hash
 * of a text holding a surname can be reversed by trying surnames. A literal in the text is a field
 * error; nothing is looked up.
 */
export function requireVariables(info: GraphQLResolveInfo, argument: string): void {
  const node = info.fieldNodes[0]?.arguments?.find((a) => a.name.value === argument);
  if (node) walk(node.value, argument);
}

function walk(value: ValueNode, path: string): void {
  if (value.kind === Kind.VARIABLE || value.kind === Kind.NULL) return;
  if (value.kind === Kind.OBJECT) return value.fields.forEach((field) => walk(field.value, `${path}.${field.name.value}`));
  throw inputError(
    path,
    '(значение в тексте запроса)',
    'search.variablesOnly',
    'признаки поиска передаются только в переменных запроса (variables): текст запроса попадает в журнал доступа, значения поиска попадать туда не должны',
  );
}
