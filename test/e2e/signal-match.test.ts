import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { pseudonym } from '../../auth/audit/audit-entry';
import { loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';
import { DEV_PSEUDONYM_KEY } from '../../scripts/hub';
import { verifySignature } from '../../subgraphs/bank/sync/signed-post';
import { personInput, signalInput } from '../support/factories';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';

const NOTES = `{ notifications(first: 100) { id kind childId message } }`;
const POLICE_SECRET = 'police-webhook-secret';
/** ОГРН of the Vladivostok police juvenile unit, the one organisation `police-system` acts for. */
const POLICE_VLK = loadOrganisationRegistry().systemOrganisations('police-system')[0];
type Note = { id: string; kind: string; childId: string | null; message: string };

/** The police system's webhook endpoint: refuses the first two deliveries, then accepts (checking the signature). */
function policeEndpoint() {
  const state = { refusals: 2, received: [] as Array<{ id: string; kind: string; childId: string; message: string; delivery: string }>, badSignatures: 0 };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (!verifySignature(POLICE_SECRET, body, req.headers['x-hub-signature-256'] as string | undefined)) {
        state.badSignatures += 1;
        return res.writeHead(401).end();
      }
      if (state.refusals > 0) {
        state.refusals -= 1;
        return res.writeHead(502).end();
      }
      state.received.push({ ...JSON.parse(body), delivery: req.headers['x-hub-delivery'] });
      res.writeHead(204).end();
    });
  });
  return { server, state };
}

describe('cross-agency matches (as the Verwijsindex does it): both agencies and the KDN learn who to contact, nothing more', () => {
  let t: TestHub;
  const endpoint = policeEndpoint();
  const notes = async (token: string) => (await t.gql<{ notifications: Note[] }>(token, NOTES)).data!.notifications;
  const child = async (token: string) => (await t.gql<{ registerPerson: { person: { id: string } } }>(token, REGISTER_PERSON, { input: personInput() })).data!.registerPerson.person.id;

  beforeAll(async () => {
    await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(endpoint.server.address() as AddressInfo).port}/hub-notifications`;
    // The webhook belongs to the Vladivostok police unit's own system (its OAuth client), not to the police as a whole.
    t = await startTestHub({ sync: { webhooks: { 'police-system': { url, secret: POLICE_SECRET } } } });
  });
  afterAll(async () => {
    await t.stop();
    await new Promise((resolve) => endpoint.server.close(resolve));
  });

  it('when police report a child the school reported a month ago, then the school, the police and the KDN are notified with the contact, and no content of either signal', async () => {
    const school = await t.systemToken('education');
    const police = await t.systemToken('police');
    const childId = await child(school);
    const first = await t.gql(school, reportSignal('education'), {
      input: signalInput(childId, { observedAt: '2026-10-01T09:00:00+10:00', description: 'Секретное описание школы: синяки на руках', indicatorCodes: ['EDUCATION-L1-01'] }),
    });
    expect(first.errors).toBeUndefined();
    const second = await t.gql(police, reportSignal('police'), {
      input: signalInput(childId, {
        observedAt: '2026-11-01T21:00:00+10:00',
        sourceKind: 'POLICE',
        description: 'Секретное описание полиции: семейный скандал',
        reporter: { name: 'Иванов Олег Петрович', position: 'инспектор ПДН', organisation: 'ОП № 1 УМВД по г. Владивостоку' },
      }),
    });
    expect(second.errors).toBeUndefined();

    const policeNotes = await waitFor(
      'the police notified',
      async () => (await notes(police)).filter((n) => n.kind === 'SIGNAL_MATCH' && n.childId === childId),
      (n) => n.length === 1,
      20_000,
    );
    expect(policeNotes[0].message).toContain('МБОУ СОШ № 1');
    expect(policeNotes[0].message).toContain('Петрова Мария Сергеевна');
    const schoolNotes = (await notes(school)).filter((n) => n.kind === 'SIGNAL_MATCH' && n.childId === childId);
    expect(schoolNotes).toHaveLength(1);
    expect(schoolNotes[0].message).toContain('ОП № 1 УМВД по г. Владивостоку');
    const kdnNotes = (await notes(await t.userToken('secretary.vlk'))).filter((n) => n.kind === 'SIGNAL_MATCH' && n.childId === childId);
    expect(kdnNotes).toHaveLength(1);
    // Who to contact, never what was reported: no description, no indicator, no date of the other signal.
    for (const note of [...policeNotes, ...schoolNotes, ...kdnNotes]) {
      expect(note.message).not.toMatch(/Секретное|синяки|скандал|EDUCATION-L1|2026-10-01|2026-11-01/);
    }
    // Health did not report and learns nothing; the school's other children are not involved.
    expect((await notes(await t.systemToken('health'))).filter((n) => n.kind === 'SIGNAL_MATCH')).toEqual([]);

    // The police system's webhook: refused twice, retried with back-off, delivered once, signed.
    const delivered = await waitFor(
      'the webhook delivered',
      async () => endpoint.state.received.filter((r) => r.childId === childId),
      (r) => r.length === 1,
      20_000,
    );
    expect(delivered[0]).toMatchObject({ kind: 'SIGNAL_MATCH', delivery: policeNotes[0].id, message: policeNotes[0].message, organisationId: POLICE_VLK });
    expect(endpoint.state.badSignatures).toBe(0);
    // The endpoint has the POST a moment before the dispatcher marks the row delivered.
    const rows = await waitFor(
      'the delivery recorded',
      async () =>
        await t.hub.subgraphs.bank.dataSource.query(`SELECT system, attempts, delivered_at IS NOT NULL AS delivered FROM notification_delivery WHERE notification_id = $1`, [policeNotes[0].id]),
      (r) => r.length === 1 && r[0].delivered === true,
      10_000,
    );
    expect(rows).toEqual([{ system: 'police-system', attempts: 3, delivered: true }]);
    // The child id sent to the police system is in the access log, pseudonymised, once per attempt.
    const admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
    const { rows: logged } = await admin.query(`SELECT canonical FROM audit.entry WHERE body->>'operationName' = 'NotificationWebhook'`);
    await admin.end();
    const entries = logged
      .map((r: { canonical: string }) => JSON.parse(r.canonical))
      .filter((e: { subjects: string[] }) => e.subjects.includes(pseudonym(DEV_PSEUDONYM_KEY, { kind: 'Child', id: childId })));
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(entries[0]).toMatchObject({ clientId: expect.stringContaining('/hub-notifications'), basis: ['law:120-FZ-art9'] });
  });

  it('when the same pair of agencies reports the child again, then nobody is notified twice; a signal from before the 12 months matches nothing', async () => {
    const school = await t.systemToken('education');
    const police = await t.systemToken('police');
    const health = await t.systemToken('health');
    const childId = await child(school);
    await t.gql(health, reportSignal('health'), { input: signalInput(childId, { observedAt: '2024-06-01T09:00:00+10:00', sourceKind: 'HEALTH' }) });
    await t.gql(school, reportSignal('education'), { input: signalInput(childId, { observedAt: '2026-10-01T09:00:00+10:00' }) });
    await t.gql(police, reportSignal('police'), { input: signalInput(childId, { observedAt: '2026-10-05T09:00:00+10:00', sourceKind: 'POLICE' }) });
    await t.gql(police, reportSignal('police'), { input: signalInput(childId, { observedAt: '2026-10-20T09:00:00+10:00', sourceKind: 'POLICE' }) });
    await t.gql(school, reportSignal('education'), { input: signalInput(childId, { observedAt: '2026-11-02T09:00:00+10:00' }) });
    // Every signal has reached the bank (the last one too) before counting.
    await waitFor(
      'all five signals in the bank',
      async () => Number((await t.hub.subgraphs.bank.dataSource.query(`SELECT count(*) AS n FROM agency_record WHERE child_id = $1 AND aggregate_type = 'Signal'`, [childId]))[0].n),
      (n) => n === 5,
      20_000,
    );
    const matches = await t.hub.subgraphs.bank.dataSource.query(`SELECT recipient_agency FROM notification WHERE child_id = $1 AND kind = 'SIGNAL_MATCH' ORDER BY 1`, [childId]);
    expect(matches.map((m: { recipient_agency: string }) => m.recipient_agency)).toEqual(['education', 'kdn', 'police']);
  });
});
