import { EntityManager } from 'typeorm';
import { appendEvent } from '../../common/events/outbox';

/** The family account card of the data bank (DOMAIN.md, "The data bank"), as the regional bank receives it. */
export interface AccountCard {
  familyId: string;
  /** Increases with every published change of this family's card: keep the highest. */
  cardVersion: number;
  municipality: string;
  categories: string[];
  registeredAddress: string | null;
  actualAddress: string | null;
  register: Array<{ caseId: string | null; includedOn: string; basis: string; detectingAgency: string | null; removedOn: string | null; removalReason: string | null; removalBasis: string | null }>;
  members: Array<{ personId: string; role: string; lastName: string; firstName: string; middleName: string | null; birthDate: string }>;
  /** Departmental registrations and attachments reported by the agencies (their latest state). */
  registrations: Array<Record<string, unknown>>;
  attachments: Array<Record<string, unknown>>;
  measures: Array<Record<string, unknown>>;
  /** The card's own fields (Mari El appendix 3, Myasnikovsky appendix 2), filled by updateAccountCard. */
  details: AccountCardDetails;
  /** Per member: birthplace, identity document, work or study, phones, addresses (same order as members). */
  memberDetails: AccountCardMemberDetails[];
}

export interface AccountCardDetails {
  detectedOn: string | null;
  detectedBy: string | null;
  sopSigns: string | null;
  sopSituations: string[];
  parentProfiles: string[];
  housing: Record<string, unknown> | null;
  income: Record<string, number | null> | null;
  /** As stated (со слов), or the sum of the kinds of income over the member count. */
  incomePerMember: number | null;
  incomePerMemberStated: boolean;
  memberCount: number;
  minorCount: number;
  supportMeasures: string | null;
  supportNotArranged: boolean;
  additionalInfo: string | null;
  /** Rows the operator typed in (registrations and attachments no agency reports). */
  registrations: Array<Record<string, unknown>>;
  attachments: Array<Record<string, unknown>>;
  updatedAt: string | null;
}

export interface AccountCardMemberDetails {
  personId: string;
  sex: string;
  birthPlace: string | null;
  document: { kind: string; series: string | null; number: string; issuedOn: string | null; issuedBy: string | null } | null;
  occupation: string | null;
  phones: string[];
  registeredAddress: string | null;
  actualAddress: string | null;
}

/**
 * Builds account cards from the bank's own tables and the agencies' records it holds, and writes
 * the bank's own events (register entries, card changes) for the regional feed, always inside the
 * caller's transaction.
 */
export class AccountCardService {
  /** Families in the register (open entry) that events about these children or families concern, in id order (one query per batch). */
  async familiesInRegister(em: EntityManager, childIds: string[], familyIds: string[]): Promise<string[]> {
    if (childIds.length === 0 && familyIds.length === 0) return [];
    const rows: Array<{ family_id: string }> = await em.query(
      `SELECT family_id FROM register_entry WHERE removed_on IS NULL AND family_id = ANY($2::uuid[])
       UNION
       SELECT e.family_id FROM family_member m JOIN register_entry e ON e.family_id = m.family_id AND e.removed_on IS NULL WHERE m.person_id = ANY($1::uuid[])
       ORDER BY 1`,
      [[...new Set(childIds)], [...new Set(familyIds)]],
    );
    return rows.map((r) => r.family_id);
  }

  /** The register of a territory, a page of families ordered by id: those in it now, or every family ever entered. */
  async registerPage(em: EntityManager, municipality: string | null, currentOnly: boolean, afterFamily: string | null, first: number): Promise<AccountCard[]> {
    const families: Array<{ id: string }> = await em.query(
      `SELECT f.id FROM family f
       WHERE ($1::text IS NULL OR f.municipality = $1) AND ($3::uuid IS NULL OR f.id > $3)
         AND EXISTS (SELECT 1 FROM register_entry e WHERE e.family_id = f.id AND (NOT $2 OR e.removed_on IS NULL))
       ORDER BY f.id LIMIT $4`,
      [municipality, currentOnly, afterFamily, first],
    );
    const cards: AccountCard[] = [];
    for (const { id } of families) {
      const card = await this.card(em, id);
      if (card) cards.push(card);
    }
    return cards;
  }

  async card(em: EntityManager, familyId: string): Promise<AccountCard | null> {
    // The card's own row rides along (LEFT JOIN): a card costs no more statements than before.
    const [family] = await em.query(
      `SELECT f.id, f.municipality, f.categories, f.registered_address, f.actual_address, f.card_version, to_jsonb(c) AS card
       FROM family f LEFT JOIN family_card c ON c.family_id = f.id WHERE f.id = $1`,
      [familyId],
    );
    if (!family) return null;
    const register = await em.query(
      `SELECT case_id AS "caseId", to_char(included_on, 'YYYY-MM-DD') AS "includedOn", basis, detecting_agency AS "detectingAgency",
              to_char(removed_on, 'YYYY-MM-DD') AS "removedOn", removal_reason AS "removalReason", removal_basis AS "removalBasis"
       FROM register_entry WHERE family_id = $1 ORDER BY included_on, id`,
      [familyId],
    );
    const rows: Array<
      Record<string, unknown> & { personId: string; birthDate: string; sex: string; registeredAddress: string | null; actualAddress: string | null; card: Record<string, unknown> | null }
    > = await em.query(
      `SELECT p.id AS "personId", m.role, p.last_name AS "lastName", p.first_name AS "firstName", p.middle_name AS "middleName", to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate",
              p.sex, p.registered_address AS "registeredAddress", p.actual_address AS "actualAddress", to_jsonb(pc) AS card
       FROM family_member m JOIN person p ON p.id = m.person_id LEFT JOIN person_card pc ON pc.person_id = p.id WHERE m.family_id = $1 ORDER BY m.role, p.birth_date, p.id`,
      [familyId],
    );
    const members = rows.map(({ sex: _sex, registeredAddress: _r, actualAddress: _a, card: _c, ...member }) => member) as AccountCard['members'];
    // Two index lookups (by family, by each member), not one OR: an OR across the two columns
    // makes PostgreSQL scan every agency record, which grows with the region.
    const records: Array<{ aggregate_type: string; source: string; state: Record<string, unknown> }> = await em.query(
      `SELECT aggregate_type, source, aggregate_id, state FROM agency_record
       WHERE family_id = $1 AND aggregate_type IN ('Registration', 'Attachment', 'Measure')
       UNION
       SELECT r.aggregate_type, r.source, r.aggregate_id, r.state FROM family_member m
       JOIN agency_record r ON r.child_id = m.person_id AND r.aggregate_type IN ('Registration', 'Attachment', 'Measure')
       WHERE m.family_id = $1
       ORDER BY source, aggregate_id`,
      [familyId],
    );
    const of = (type: string) => records.filter((r) => r.aggregate_type === type).map((r) => ({ agency: r.source, ...r.state }));
    return {
      familyId,
      cardVersion: Number(family.card_version),
      municipality: family.municipality,
      categories: family.categories,
      registeredAddress: family.registered_address,
      actualAddress: family.actual_address,
      register,
      members,
      registrations: of('Registration'),
      attachments: of('Attachment'),
      measures: of('Measure'),
      details: cardDetails(family.card, rows),
      memberDetails: rows.map(memberDetails),
    };
  }

  /** The bank's own event with the whole card: the regional bank keeps the latest card per family. */
  async publishCard(em: EntityManager, familyId: string, type: 'RegisterEntryOpened' | 'RegisterEntryClosed' | 'AccountCardChanged'): Promise<void> {
    // The row lock orders concurrent publications of one family: the later one sees the earlier's effects.
    const bumped = await em.query(`UPDATE family SET card_version = card_version + 1 WHERE id = $1 RETURNING card_version`, [familyId]);
    if (bumped[1] === 0 || (Array.isArray(bumped[0]) && bumped[0].length === 0)) return;
    const card = await this.card(em, familyId);
    if (!card) return;
    await appendEvent(em, { aggregateType: 'AccountCard', aggregateId: familyId, childId: null, familyId, type, payload: card as unknown as Record<string, unknown> });
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a card row of raw SQL, its JSON columns as stored
function cardDetails(card: Record<string, any> | null, members: Array<{ birthDate: string }>): AccountCardDetails {
  const today = new Date().toISOString().slice(0, 10);
  const adultOn = (birthDate: string) => `${Number(birthDate.slice(0, 4)) + 18}${birthDate.slice(4)}`;
  const income = (card?.income ?? null) as Record<string, number | null> | null;
  const total = income ? Object.values(income).reduce<number>((sum, amount) => sum + (amount ?? 0), 0) : null;
  const stated = card?.income_per_member === null || card?.income_per_member === undefined ? null : Number(card.income_per_member);
  const computed = total !== null && members.length > 0 ? Math.round((total / members.length) * 100) / 100 : null;
  return {
    detectedOn: card?.detected_on ?? null,
    detectedBy: card?.detected_by ?? null,
    sopSigns: card?.sop_signs ?? null,
    sopSituations: card?.sop_situations ?? [],
    parentProfiles: card?.parent_profiles ?? [],
    housing: card?.housing ?? null,
    income,
    incomePerMember: stated ?? computed,
    incomePerMemberStated: stated !== null,
    memberCount: members.length,
    minorCount: members.filter((m) => adultOn(m.birthDate) > today).length,
    supportMeasures: card?.support_measures ?? null,
    supportNotArranged: card?.support_not_arranged ?? false,
    additionalInfo: card?.additional_info ?? null,
    registrations: card?.registrations ?? [],
    attachments: card?.attachments ?? [],
    updatedAt: card?.updated_at ?? null,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a card row of raw SQL, its JSON columns as stored
function memberDetails(row: { personId: string; sex: string; registeredAddress: string | null; actualAddress: string | null; card: Record<string, any> | null }): AccountCardMemberDetails {
  const c = row.card;
  return {
    personId: row.personId,
    sex: row.sex,
    birthPlace: c?.birth_place ?? null,
    document: c?.document_kind
      ? { kind: c.document_kind, series: c.document_series ?? null, number: c.document_number, issuedOn: c.document_issued_on ?? null, issuedBy: c.document_issued_by ?? null }
      : null,
    occupation: c?.occupation ?? null,
    phones: c?.phones ?? [],
    registeredAddress: row.registeredAddress,
    actualAddress: row.actualAddress,
  };
}
