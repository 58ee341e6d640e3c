import { Client } from 'pg';
import { devRolePassword } from '../../scripts/hub';
import { SUBGRAPHS } from '../../scripts/subgraph-registry';
import { generateDemoData, SEED_AGENCIES, SeedAgency, SeedBatch } from '../../scripts/seed/generate';
import { seedDemoData, SeedResult, seedUrlsFor } from '../../scripts/seed/seed';
import { startTestHub, TestHub } from '../support/test-hub';

const SEED = 77;
const CHILDREN = 500;

interface TableFingerprint {
  count: number;
  md5: string;
}

/** Row count and a digest of every table the seeder writes; columns filled by database defaults are left out. */
async function fingerprint(adminUrl: string, agencies: readonly SeedAgency[]): Promise<Record<string, TableFingerprint>> {
  const tables: Array<[string, string[]]> = [
    ['bank.person', ['created_at', 'updated_at']],
    ['bank.family', ['created_at']],
    ['bank.family_member', []],
    ['bank.register_entry', []],
    ...agencies.flatMap((a): Array<[string, string[]]> => [
      [`${a}.signal`, []],
      [`${a}.measure`, []],
    ]),
    ...(agencies.includes('education') ? [['education.school_status', ['updated_at']] as [string, string[]]] : []),
  ];
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const out: Record<string, TableFingerprint> = {};
    for (const [table, skip] of tables) {
      const { rows } = await client.query<TableFingerprint>(
        `SELECT count(*)::int AS count, md5(coalesce(string_agg(j::text, '|' ORDER BY j::text), '')) AS md5
           FROM (SELECT to_jsonb(t) - $1::text[] AS j FROM ${table} t) s`,
        [skip],
      );
      out[table] = rows[0];
    }
    return out;
  } finally {
    await client.end();
  }
}

async function seedInto(t: TestHub): Promise<SeedResult> {
  return seedDemoData({ urls: seedUrlsFor(t.adminUrl, devRolePassword), children: CHILDREN, seed: SEED, chunkChildren: 120 });
}

describe('seeding demo data into the hub databases', () => {
  let first: TestHub;
  let result: SeedResult;
  let present: SeedAgency[];
  let expected: SeedBatch;
  let firstPrint: Record<string, TableFingerprint>;

  beforeAll(async () => {
    first = await startTestHub();
    result = await seedInto(first);
    present = SEED_AGENCIES.filter((a) => !result.skipped.some((s) => s.subgraph === a));
    expected = generateDemoData({ seed: SEED, children: CHILDREN });
    firstPrint = await fingerprint(first.adminUrl, present);
  }, 120_000);
  afterAll(() => first?.stop());

  it('writes every generated row through the subgraphs own roles, skipping only agencies not running yet', () => {
    for (const agency of SEED_AGENCIES) {
      if (SUBGRAPHS[agency]) expect(present).toContain(agency);
    }
    const signals = expected.signals.filter((s) => present.includes(s.agency));
    const measures = expected.measures.filter((m) => present.includes(m.agency));
    expect(result).toMatchObject({
      children: CHILDREN,
      persons: expected.persons.length,
      families: expected.families.length,
      signals: signals.length,
      measures: measures.length,
      registerEntries: expected.registerEntries.length,
      schoolStatuses: present.includes('education') ? expected.schoolStatuses.length : 0,
    });
    expect(firstPrint['bank.person'].count).toBe(expected.persons.length);
    expect(firstPrint['bank.family'].count).toBe(expected.families.length);
    expect(firstPrint['bank.family_member'].count).toBe(expected.members.length);
    expect(firstPrint['bank.register_entry'].count).toBe(expected.registerEntries.length);
    for (const agency of present) {
      expect(firstPrint[`${agency}.signal`].count).toBe(expected.signals.filter((s) => s.agency === agency).length);
      expect(firstPrint[`${agency}.measure`].count).toBe(expected.measures.filter((m) => m.agency === agency).length);
    }
    if (present.includes('education')) expect(firstPrint['education.school_status'].count).toBe(expected.schoolStatuses.length);
  });

  it('stores rows the subgraphs can read: a seeded child through the gateway', async () => {
    const signal = expected.signals.find((s) => s.agency === 'education' && expected.persons.find((p) => p.id === s.childId)!.municipality === '05701000')!;
    const child = expected.persons.find((p) => p.id === signal.childId)!;
    const secretary = await first.userToken('secretary.vlk');
    const view = await first.gql<{ child: { id: string; fullName: string; birthDate: string; education: { signals: Array<{ id: string }> } } }>(
      secretary,
      `query ($id: ID!) { child(id: $id) { id fullName birthDate education { signals { id } } } }`,
      { id: child.id },
    );
    expect(view.errors).toBeUndefined();
    expect(view.data!.child).toMatchObject({
      id: child.id,
      fullName: [child.lastName, child.firstName, child.middleName].filter(Boolean).join(' '),
      birthDate: child.birthDate,
    });
    const ids = expected.signals.filter((s) => s.agency === 'education' && s.childId === child.id).map((s) => s.id);
    expect(view.data!.child.education.signals.map((s) => s.id).sort()).toEqual(ids.sort());
  });

  it('refuses to seed the same seed twice into one database and leaves it as it was', async () => {
    await expect(seedInto(first)).rejects.toThrow(/duplicate key/);
    expect(await fingerprint(first.adminUrl, present)).toEqual(firstPrint);
  });

  it('writes the same rows for the same seed into a fresh database', async () => {
    const second = await startTestHub();
    try {
      const again = await seedInto(second);
      expect({ ...again, elapsedMs: 0 }).toEqual({ ...result, elapsedMs: 0 });
      expect(await fingerprint(second.adminUrl, present)).toEqual(firstPrint);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
