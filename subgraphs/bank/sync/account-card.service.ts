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
    const [family] = await em.query(`SELECT id, municipality, categories, registered_address, actual_address, card_version FROM family WHERE id = $1`, [familyId]);
    if (!family) return null;
    const register = await em.query(
      `SELECT case_id AS "caseId", to_char(included_on, 'YYYY-MM-DD') AS "includedOn", basis, detecting_agency AS "detectingAgency",
              to_char(removed_on, 'YYYY-MM-DD') AS "removedOn", removal_reason AS "removalReason", removal_basis AS "removalBasis"
       FROM register_entry WHERE family_id = $1 ORDER BY included_on, id`,
      [familyId],
    );
    const members = await em.query(
      `SELECT p.id AS "personId", m.role, p.last_name AS "lastName", p.first_name AS "firstName", p.middle_name AS "middleName", to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate"
       FROM family_member m JOIN person p ON p.id = m.person_id WHERE m.family_id = $1 ORDER BY m.role, p.birth_date, p.id`,
      [familyId],
    );
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
