import { DataSource, EntityManager } from 'typeorm';
import { ChildCriteria, FamilyCriteria } from './search-criteria';
import { SearchScope } from './search-scope';

/**
 * Word similarity (pg_trgm) a stored name must reach to match: low enough that one wrong letter
 * in a seven-letter surname still matches ("Ивонова" for "Иванова" scores 0.45), high enough that
 * an unrelated name does not. The best matches come first; the limit cuts the tail.
 */
export const NAME_SIMILARITY_THRESHOLD = 0.4;

/** Positional parameters for one statement. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Every word of the address part somewhere in the folded address: one LIKE each, so the trigram index serves each. */
function addressMatch(expression: string, patterns: readonly string[], params: Params): string {
  return patterns.map((pattern) => `${expression} LIKE ${params.add(pattern)}`).join(' AND ');
}

/**
 * The SQL half of the search: ids in rank order, only ever inside the caller's scope. Nothing
 * here decides; the resolver decides each hit with decide() as `child(id)` would.
 */
export class SearchService {
  constructor(private readonly dataSource: DataSource) {}

  async childIds(scope: SearchScope, criteria: ChildCriteria, limit: number, offset: number): Promise<string[]> {
    const params = new Params();
    // Children only, as `children` lists them: under 18 today.
    const where = [`p.birth_date > (current_date - interval '18 years')::date`, this.childScope(scope, params)];
    const order: string[] = [];
    if (criteria.snils) where.push(`p.snils = ${params.add(criteria.snils)}`);
    if (criteria.birthDate) where.push(`p.birth_date = ${params.add(criteria.birthDate)}`);
    if (criteria.name) {
      const name = params.add(criteria.name);
      where.push(`${name} <% p.name_key`);
      order.push(`word_similarity(${name}, p.name_key) DESC`, `similarity(${name}, p.name_key) DESC`);
    }
    if (criteria.address.length) where.push(addressMatch('address_key(p.registered_address, p.actual_address)', criteria.address, params));
    order.push('p.name_key', 'p.birth_date', 'p.id');
    const sql = `SELECT p.id FROM person p WHERE ${where.join(' AND ')} ORDER BY ${order.join(', ')} LIMIT ${params.add(limit)} OFFSET ${params.add(offset)}`;
    return this.ids(sql, params, criteria.name !== null);
  }

  async familyIds(scope: SearchScope, criteria: FamilyCriteria, limit: number, offset: number): Promise<string[]> {
    const params = new Params();
    const where = [this.familyScope(scope, params)];
    const order: string[] = [];
    let named = '';
    if (criteria.memberName) {
      const name = params.add(criteria.memberName);
      // Members found through the trigram index first, then their families: not every family's members scanned.
      named = `JOIN (
        SELECT m.family_id, max(word_similarity(${name}, p.name_key)) AS word_rank, max(similarity(${name}, p.name_key)) AS rank
          FROM person p JOIN family_member m ON m.person_id = p.id
         WHERE ${name} <% p.name_key
         GROUP BY m.family_id) named ON named.family_id = f.id`;
      order.push('named.word_rank DESC', 'named.rank DESC');
    }
    if (criteria.address.length) {
      const own = addressMatch('address_key(f.registered_address, f.actual_address)', criteria.address, params);
      const member = addressMatch('address_key(p.registered_address, p.actual_address)', criteria.address, params);
      where.push(`((${own}) OR EXISTS (SELECT 1 FROM family_member m JOIN person p ON p.id = m.person_id WHERE m.family_id = f.id AND ${member}))`);
    }
    order.push('f.created_at', 'f.id');
    const sql = `SELECT f.id FROM family f ${named} WHERE ${where.join(' AND ')} ORDER BY ${order.join(', ')} LIMIT ${params.add(limit)} OFFSET ${params.add(offset)}`;
    return this.ids(sql, params, criteria.memberName !== null);
  }

  /** The caller's territories, and the children of open cases its organisation takes part in. */
  private childScope(scope: SearchScope, params: Params): string {
    const visible: string[] = [];
    if (scope.territories.length) visible.push(`p.municipality = ANY(${params.add(scope.territories)}::text[])`);
    if (scope.caseOrganisation) {
      visible.push(`p.id IN (SELECT child_id FROM case_participation WHERE organisation_id = ${params.add(scope.caseOrganisation)} AND closed_on IS NULL)`);
    }
    return visible.length ? `(${visible.join(' OR ')})` : 'false';
  }

  /** A family's case relationship is its children's (as familySubject has it). */
  private familyScope(scope: SearchScope, params: Params): string {
    const visible: string[] = [];
    if (scope.territories.length) visible.push(`f.municipality = ANY(${params.add(scope.territories)}::text[])`);
    if (scope.caseOrganisation) {
      visible.push(`f.id IN (SELECT m.family_id FROM family_member m JOIN case_participation c ON c.child_id = m.person_id
        WHERE m.role = 'CHILD' AND c.organisation_id = ${params.add(scope.caseOrganisation)} AND c.closed_on IS NULL)`);
    }
    return visible.length ? `(${visible.join(' OR ')})` : 'false';
  }

  /**
   * A name search sets pg_trgm's threshold for its own transaction only (SET LOCAL): the `<%`
   * operator, the one the trigram index serves, reads it from there. A read in a transaction
   * writes nothing and gets no write entry in the access log.
   */
  private async ids(sql: string, params: Params, byName: boolean): Promise<string[]> {
    const run = async (manager: EntityManager) => ((await manager.query(sql, params.values)) as Array<{ id: string }>).map((row) => row.id);
    if (!byName) return run(this.dataSource.manager);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(NAME_SIMILARITY_THRESHOLD)]);
      return run(manager);
    });
  }
}
