import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { isDeepStrictEqual } from 'node:util';
import { pseudonym } from '../../auth/audit/audit-entry';
import { DEV_PSEUDONYM_KEY as DEV_KEY } from '../../scripts/hub';
import { verifySignature } from '../../subgraphs/bank/sync/signed-post';
import { kdnFlow } from '../support/kdn-flow';
import { waitFor } from '../support/sync-worker';
import { GraphQLResult, startTestHub, TestHub } from '../support/test-hub';

const CHANGES = `query($after: String, $first: Int) { bankChanges(after: $after, first: $first) { changes { cursor eventId type familyId card } endCursor hasMore } }`;
const SNAPSHOT = `query($after: ID, $first: Int) { bankSnapshot(afterFamily: $after, first: $first) { cards nextFamily changesCursor } }`;
const REGISTER_JUVENILE = `mutation($input: RegisterJuvenileInput!) { police { registerJuvenile(input: $input) { id } } }`;
const REGIONAL = { 'x-hub-purpose': 'DATA_BANK' };
const PUSH_SECRET = 'test-regional-push-secret';

type Card = { familyId: string; cardVersion: number; register: Array<{ removedOn: string | null }>; registrations: Array<{ kind: string }> };

/** The regional bank's copy: the card with the highest version per family, as the README tells regional systems to keep it. */
class RegionalCopy {
  readonly cards = new Map<string, Card>();
  keep(card: Card): void {
    const held = this.cards.get(card.familyId);
    if (!held || held.cardVersion < card.cardVersion) this.cards.set(card.familyId, card);
  }
  sorted(): Card[] {
    return [...this.cards.values()].sort((a, b) => a.familyId.localeCompare(b.familyId));
  }
}

/** A regional endpoint that can be down (503) for a while, checking every signature. */
function regionalEndpoint() {
  const state = { down: true, failures: 0, accepted: 0, badSignatures: 0, copy: new RegionalCopy() };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (!verifySignature(PUSH_SECRET, body, req.headers['x-hub-signature-256'] as string | undefined)) {
        state.badSignatures += 1;
        res.writeHead(401).end();
        return;
      }
      if (state.down) {
        state.failures += 1;
        res.writeHead(503).end();
        return;
      }
      for (const change of JSON.parse(body).changes as Array<{ card: Card }>) state.copy.keep(change.card);
      state.accepted += 1;
      res.writeHead(204).end();
    });
  });
  return { server, state };
}

describe('the regional bank kept in sync: pull with a cursor, push with retries, a first snapshot', () => {
  let t: TestHub;
  let flow: ReturnType<typeof kdnFlow>;
  const endpoint = regionalEndpoint();
  const regional = async <T>(query: string, variables: Record<string, unknown>) =>
    t.gql<T>(await t.clientToken('regional-bank-sync', 'dev-regional-bank-sync-secret'), query, variables, undefined, REGIONAL);

  /** The bank's current cards, read as a first sync reads them. */
  const snapshot = async (pageSize = 2): Promise<{ cards: Card[]; cursor: string }> => {
    const cards: Card[] = [];
    let after: string | null = null;
    let cursor = '';
    for (;;) {
      type Page = { bankSnapshot: { cards: Card[]; nextFamily: string | null; changesCursor: string } };
      const r: GraphQLResult<Page> = await regional<Page>(SNAPSHOT, { after, first: pageSize });
      expect(r.errors).toBeUndefined();
      cards.push(...r.data!.bankSnapshot.cards);
      cursor ||= r.data!.bankSnapshot.changesCursor;
      after = r.data!.bankSnapshot.nextFamily;
      if (!after) return { cards: cards.sort((a, b) => a.familyId.localeCompare(b.familyId)), cursor };
    }
  };

  /** One pull session of the regional client: pages until nothing is left; returns the cursor it stores. */
  const pull = async (copy: RegionalCopy, cursor: string | null, pageSize = 2): Promise<string | null> => {
    for (;;) {
      const r = await regional<{ bankChanges: { changes: Array<{ card: Card }>; endCursor: string; hasMore: boolean } }>(CHANGES, { after: cursor, first: pageSize });
      expect(r.errors).toBeUndefined();
      for (const change of r.data!.bankChanges.changes) copy.keep(change.card);
      cursor = r.data!.bankChanges.endCursor;
      if (!r.data!.bankChanges.hasMore) return cursor;
    }
  };

  beforeAll(async () => {
    await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}/regional`;
    t = await startTestHub({ sync: { regionalPush: { url, secret: PUSH_SECRET } } });
    flow = kdnFlow(t);
  });
  afterAll(async () => {
    await t.stop();
    await new Promise((resolve) => endpoint.server.close(resolve));
  });

  it('when families enter and leave the register while the regional client pulls and restarts, then its copy ends identical to the bank; the push endpoint, down at first, gets the same', async () => {
    const copy = new RegionalCopy();
    // First sync: nothing yet, but the cursor is where changes continue.
    const first = await snapshot();
    expect(first.cards).toEqual([]);
    let stored: string | null = first.cursor;

    const a = await flow.family();
    const caseA = await flow.recogniseSop(a.childId, '12/1');
    // The feed serves a change once every older transaction of the server has ended (so it never
    // skips one): on a busy server a pull right after the write may not see it yet, a later one does.
    const pullUntil = async (what: string, pageSize: number, done: () => boolean) =>
      waitFor(
        what,
        async () => (stored = await pull(copy, stored, pageSize)),
        () => done(),
        20_000,
      );
    await pullUntil('card A in the feed', 2, () => copy.cards.get(a.familyId)?.register.length === 1); // session 1
    expect(copy.cards.get(a.familyId)?.register).toHaveLength(1);

    const b = await flow.family();
    const caseB = await flow.recogniseSop(b.childId, '12/2');
    // The police registration reaches the bank by its relay and changes family A's card.
    const police = await t.gql(await t.systemToken('police'), REGISTER_JUVENILE, {
      input: { idempotencyKey: `j-${randomUUID()}`, childId: a.childId, unit: 'ПДН ОП № 1', registeredOn: flow.today, reason: 'самовольные уходы' },
    });
    expect(police.errors).toBeUndefined();
    await flow.close(caseB.id, 'MOVED_AWAY', '12/3');
    // The client restarts from the cursor it stored (a new copy object would lose nothing either: cards are whole).
    await waitFor(
      'the police registration on card A',
      async () => (await snapshot()).cards.find((c) => c.familyId === a.familyId)?.registrations.length ?? 0,
      (n) => n === 1,
      20_000,
    );
    const current = (await snapshot()).cards;
    await pullUntil('every change in the feed', 1, () => isDeepStrictEqual(copy.sorted(), current)); // session 2, page by page
    await pull(copy, stored); // session 3: nothing new, the cursor stays valid
    const bank = await snapshot();
    expect(copy.sorted()).toEqual(bank.cards);
    expect(bank.cards.find((c) => c.familyId === b.familyId)!.register[0].removedOn).toBe(flow.today);
    expect(bank.cards.find((c) => c.familyId === a.familyId)!.registrations.map((r) => r.kind)).toEqual(['POLICE_JUVENILE']);
    expect(caseA.number).toBeTruthy();

    // Push: the endpoint refused everything so far; once it is up, retries deliver all of it in order.
    expect(endpoint.state.failures).toBeGreaterThan(0);
    endpoint.state.down = false;
    await waitFor(
      'the push caught up',
      async () => endpoint.state.copy.sorted(),
      (cards) => isDeepStrictEqual(cards, bank.cards),
      30_000,
    );
    expect(endpoint.state.badSignatures).toBe(0);
    // Personal data that left by push is in the access log, logged before it was sent, families pseudonymised.
    const admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    const { rows } = await admin.query<{ canonical: string }>(`SELECT canonical FROM audit.entry WHERE body->>'operationName' = 'RegionalPush'`);
    await admin.end();
    const pushed = rows.map((r) => JSON.parse(r.canonical));
    expect(pushed.length).toBeGreaterThan(0);
    expect(pushed[0]).toMatchObject({ service: 'bank', clientId: expect.stringContaining('/regional'), purpose: 'DATA_BANK', basis: ['law:data-bank-regional-exchange'] });
    const logged = pushed.flatMap((e) => e.subjects as string[]);
    expect(logged).toEqual(expect.arrayContaining([pseudonym(DEV_KEY, { kind: 'Family', id: a.familyId }), pseudonym(DEV_KEY, { kind: 'Child', id: a.childId })]));
    expect(JSON.stringify(pushed)).not.toContain(a.familyId);
  });

  it('when the access log cannot be written, then the push sends nothing, and resumes once it can', async () => {
    const admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    try {
      endpoint.state.down = true;
      const f = await flow.family();
      await flow.recogniseSop(f.childId, '14/1');
      const failures = endpoint.state.failures;
      await admin.query(`REVOKE EXECUTE ON FUNCTION audit.append(text[]) FROM hub_bank`);
      // A page logged just before the revocation may still be on its way: let it land (refused, the endpoint is down).
      await waitFor(
        'a page in flight to land',
        async () => endpoint.state.failures,
        (n) => n > failures,
        2000,
      ).catch(() => undefined);
      endpoint.state.down = false;
      const accepted = endpoint.state.accepted;
      // Several push cycles (200 ms polling, 50 ms back-off base) go by without sending.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(endpoint.state.accepted).toBe(accepted);
      expect(endpoint.state.copy.cards.has(f.familyId)).toBe(false);
      await admin.query(`GRANT EXECUTE ON FUNCTION audit.append(text[]) TO hub_bank`);
      await waitFor(
        'the push resumed',
        async () => endpoint.state.copy.cards.has(f.familyId),
        (has) => has,
        30_000,
      );
    } finally {
      await admin.query(`GRANT EXECUTE ON FUNCTION audit.append(text[]) TO hub_bank`);
      await admin.end();
    }
  });

  it('when a cursor is not one the feed gave out, then the error names the argument and the rule', async () => {
    const r = await regional(CHANGES, { after: 'v1.bm90LWEtY3Vyc29y', first: 10 });
    expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after', rule: 'cursor.format' });
  });

  it('when anyone but the regional sync client asks for the feed, then it is FORBIDDEN; the regional client cannot read a child', async () => {
    const operator = await flow.as(`operator.vlk`, CHANGES, { first: 1 }, REGIONAL);
    expect(operator.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', permission: 'register:sync' });
    const { childId } = await flow.family();
    const child = await regional(`query($id: ID!) { child(id: $id) { id } }`, { id: childId });
    expect(child.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('when the bank role itself writes the register directly, then the database refuses: entry and removal only by resolution, never a deletion', async () => {
    const bank = t.hub.subgraphs.bank.dataSource;
    const f = await flow.family();
    await expect(bank.query(`INSERT INTO register_entry (family_id, child_id, included_on, basis) VALUES ($1, $2, CURRENT_DATE, 'без постановления')`, [f.familyId, f.childId])).rejects.toThrow(
      /только по постановлению КДН о признании СОП/,
    );
    const kase = await flow.recogniseSop(f.childId, '13/1');
    await expect(bank.query(`UPDATE register_entry SET removed_on = CURRENT_DATE, removal_reason = 'вручную', removal_basis = 'нет' WHERE case_id = $1`, [kase.id])).rejects.toThrow(
      /только постановлением КДН о закрытии случая/,
    );
    await expect(bank.query(`UPDATE register_entry SET basis = 'другое' WHERE case_id = $1`, [kase.id])).rejects.toThrow(/не изменяется/);
    await expect(bank.query(`DELETE FROM register_entry WHERE case_id = $1`, [kase.id])).rejects.toThrow(/не удаляется/);
    // By resolution it works, and the entry records the resolution.
    await flow.close(kase.id, 'RIGHTS_RESTORED', '13/2');
    const [entry] = await bank.query(`SELECT to_char(removed_on, 'YYYY-MM-DD') AS removed, removal_reason, removal_basis FROM register_entry WHERE case_id = $1`, [kase.id]);
    expect(entry).toEqual({ removed: flow.today, removal_reason: 'RIGHTS_RESTORED', removal_basis: `Постановление КДН № 13/2 от ${flow.today}` });
  });
});
