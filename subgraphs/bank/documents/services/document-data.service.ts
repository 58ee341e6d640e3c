import { DataSource } from 'typeorm';
import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { FAMILY_CATEGORY_CAPTIONS, FamilyCategory } from '../../../../schema/enums';
import { printedDate } from '../../../common/export';
import { FamilyEntity } from '../../identity/entities/family.entity';
import { PersonEntity } from '../../identity/entities/person.entity';
import { BankLoaders } from '../../loaders/bank.loaders';

/** How a family member's role is written in the forms' «степень родства». */
export const KINSHIP: Record<string, string> = { MOTHER: 'мать', FATHER: 'отец', GUARDIAN: 'опекун (попечитель)', OTHER_ADULT: 'член семьи', CHILD: 'ребёнок' };

export interface DocumentPerson {
  role: string;
  fullName: string;
  birthDate: string;
  address: string | null;
}

/** What the forms say about a child's family, from the bank's identity records. */
export interface DocumentFamily {
  id: string | null;
  municipality: string;
  categories: string[];
  registeredAddress: string | null;
  actualAddress: string | null;
  members: DocumentPerson[];
}

export const fullName = (p: Pick<PersonEntity, 'lastName' | 'firstName' | 'middleName'>) => [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

export function toDocumentPerson(p: PersonEntity, role: string): DocumentPerson {
  return { role, fullName: fullName(p), birthDate: p.birthDate, address: p.actualAddress ?? p.registeredAddress };
}

export const personLine = (p: DocumentPerson) => `${p.fullName}, ${printedDate(p.birthDate)} г. р.`;
export const parentsOf = (family: DocumentFamily) => family.members.filter((m) => m.role !== 'CHILD');
export const childrenOf = (family: DocumentFamily) => family.members.filter((m) => m.role === 'CHILD');
export const categoriesText = (family: DocumentFamily) => family.categories.map((c) => FAMILY_CATEGORY_CAPTIONS[c as FamilyCategory] ?? c).join('; ');
export const addressOf = (family: DocumentFamily) => family.actualAddress ?? family.registeredAddress ?? '';

/** A family as a form names it: the parents (or, without them, the children). */
export function familyLabel(family: DocumentFamily): string {
  const people = parentsOf(family).length ? parentsOf(family) : childrenOf(family);
  return people.map((p) => p.fullName).join(', ');
}

export function organisationName(id: string | null | undefined): string {
  if (!id) return '';
  return loadOrganisationRegistry().get(id)?.name ?? id;
}

/** The child's family for a document: the first family the child belongs to, or the child alone (a minor alone may be in SOP). */
export async function familyOfChild(loaders: BankLoaders, child: PersonEntity): Promise<DocumentFamily> {
  const memberships = await loaders.membershipsByPerson.load(child.id);
  const family = memberships.length ? await loaders.familyById.load(memberships[0].familyId) : null;
  if (!family)
    return { id: null, municipality: child.municipality, categories: [], registeredAddress: child.registeredAddress, actualAddress: child.actualAddress, members: [toDocumentPerson(child, 'CHILD')] };
  return familyWithMembers(loaders, family);
}

export async function familyWithMembers(loaders: BankLoaders, family: FamilyEntity): Promise<DocumentFamily> {
  const members = await loaders.membersByFamily.load(family.id);
  const people = await Promise.all(members.map(async (m) => ({ m, p: await loaders.personById.load(m.personId) })));
  const order = ['MOTHER', 'FATHER', 'GUARDIAN', 'OTHER_ADULT', 'CHILD'];
  return {
    id: family.id,
    municipality: family.municipality,
    categories: family.categories,
    registeredAddress: family.registeredAddress,
    actualAddress: family.actualAddress,
    members: people
      .filter((x): x is { m: typeof x.m; p: PersonEntity } => x.p !== null)
      .sort((a, b) => order.indexOf(a.m.role) - order.indexOf(b.m.role) || a.p.birthDate.localeCompare(b.p.birthDate))
      .map(({ m, p }) => toDocumentPerson(p, m.role)),
  };
}

/** The day the KDN approved the case's programme (its workflow event), or null. */
export async function programmeApprovedOn(dataSource: DataSource, caseId: string): Promise<string | null> {
  const [row] = (await dataSource.query(`SELECT (max(at) AT TIME ZONE 'UTC')::date::text AS "on" FROM case_event WHERE case_id = $1 AND action = 'approveProgramme'`, [caseId])) as Array<{
    on: string | null;
  }>;
  return row?.on ?? null;
}
