import { DataSource } from 'typeorm';

/**
 * Synthetic children registered straight in the bank's person table, one statement for any
 * number: for benches and tests that write agency records in bulk and are not about
 * registration. Agencies refuse records about a child the bank does not know, so such writers
 * need real ids. `bank` is the bank's data source (its role and schema).
 */
export async function registerSyntheticChildren(bank: DataSource, count: number, municipality = '05701000'): Promise<string[]> {
  const rows: Array<{ id: string }> = await bank.query(
    `INSERT INTO person (last_name, first_name, name_key, birth_date, sex, municipality, created_by)
     SELECT 'Синтетический', 'Ребёнок' || n, 'синтетический ребенок' || n || ' ' || gen_random_uuid(), date '2014-05-17' + (n % 1000), 'MALE', $2, 'synthetic'
     FROM generate_series(1, $1::int) AS n
     RETURNING id`,
    [count, municipality],
  );
  return rows.map((r) => r.id);
}

/** A family of the given children, registered the same way (for records that name a family). */
export async function registerSyntheticFamily(bank: DataSource, childIds: string[], municipality = '05701000'): Promise<string> {
  const [family]: Array<{ id: string }> = await bank.query(`INSERT INTO family (municipality, created_by) VALUES ($1, 'synthetic') RETURNING id`, [municipality]);
  await bank.query(`INSERT INTO family_member (family_id, person_id, role) SELECT $1, c, 'CHILD' FROM unnest($2::uuid[]) AS c`, [family.id, childIds]);
  return family.id;
}
