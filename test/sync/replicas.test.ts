import http from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { DEV_PSEUDONYM_KEY } from '../../scripts/hub';
import { AccountCardService } from '../../subgraphs/bank/sync/account-card.service';
import { RegionalFeedService } from '../../subgraphs/bank/sync/regional-feed.service';
import { RegionalPusher } from '../../subgraphs/bank/sync/regional-pusher';
import { verifySignature } from '../../subgraphs/bank/sync/signed-post';
import { WebhookDispatcher } from '../../subgraphs/bank/sync/webhook-dispatcher';
import { personInput, signalInput } from '../support/factories';
import { kdnFlow } from '../support/kdn-flow';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';
import { startWebhookReceiver, WebhookReceiver } from '../support/webhook-receiver';

const PUSH_SECRET = 'replicas-push-secret';

/** A regional endpoint that takes its time (so two senders would overlap) and records every change it is sent. */
function slowRegionalEndpoint() {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (!verifySignature(PUSH_SECRET, body, req.headers['x-hub-signature-256'] as string | undefined)) return void res.writeHead(401).end();
      for (const change of JSON.parse(body).changes as Array<{ eventId: string }>) received.push(change.eventId);
      setTimeout(() => res.writeHead(204).end(), 150);
    });
  });
  return { server, received };
}

describe('two bank replicas: every webhook and every push page is delivered once', () => {
  let t: TestHub;
  let police: WebhookReceiver;
  const regional = slowRegionalEndpoint();
  let secondBank: DataSource;
  let second: { pusher: RegionalPusher; webhooks: WebhookDispatcher };

  beforeAll(async () => {
    police = await startWebhookReceiver('replicas-police-secret');
    await new Promise<void>((resolve) => regional.server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(regional.server.address() as AddressInfo).port}/regional`;
    const webhooks = { 'police-system': { url: police.url, secret: police.secret } };
    t = await startTestHub({ sync: { regionalPush: { url, secret: PUSH_SECRET }, webhooks } });
    // The second replica: its own connection pool to the bank's database, its own pusher and dispatcher, polling faster.
    secondBank = new DataSource({ type: 'postgres', url: t.hub.roleUrls.bank, entities: [] });
    await secondBank.initialize();
    second = {
      pusher: new RegionalPusher(secondBank, new RegionalFeedService(secondBank, new AccountCardService()), {
        url,
        secret: PUSH_SECRET,
        pseudonymKey: DEV_PSEUDONYM_KEY,
        pollMs: 20,
        backoffBaseMs: 50,
      }),
      webhooks: new WebhookDispatcher(secondBank, { endpoints: webhooks, pseudonymKey: DEV_PSEUDONYM_KEY, pollMs: 20, backoffBaseMs: 50 }),
    };
    await second.pusher.start();
    second.webhooks.start();
  });
  afterAll(async () => {
    await second?.pusher.stop();
    await second?.webhooks.stop();
    await secondBank?.destroy();
    await t?.stop();
    await police?.close();
    await new Promise((resolve) => regional.server.close(resolve));
  });

  it('when families enter the register and the police are notified of matches while both replicas run, then each change and each notification arrives exactly once', async () => {
    const flow = kdnFlow(t);
    const families = [];
    for (let i = 0; i < 3; i++) {
      const family = await flow.family();
      await flow.recogniseSop(family.childId, `77/${i}`);
      families.push(family);
    }
    const school = await t.systemToken('education');
    const policeToken = await t.userToken('police.vlk');
    for (let i = 0; i < 4; i++) {
      const child = (await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() })).data!.registerPerson.person.id;
      await t.gql(policeToken, reportSignal('police'), {
        input: signalInput(child, { sourceKind: 'POLICE', reporter: { name: 'Смирнов Игорь Павлович', position: 'инспектор ПДН', organisation: 'ОП № 1' } }),
      });
      await t.gql(school, reportSignal('education'), { input: signalInput(child) });
    }

    const bank = t.hub.subgraphs.bank.dataSource;
    const expectedChanges = async () => Number((await bank.query(`SELECT count(*) AS n FROM outbox WHERE aggregate_type = 'AccountCard'`))[0].n);
    // Everything addressed to the Vladivostok police unit (matches, case notices) goes to its system's webhook.
    const expectedNotes = async () =>
      (
        (await bank.query(
          `SELECT id FROM notification WHERE recipient_organisation IN (SELECT recipient_organisation FROM notification WHERE kind = 'SIGNAL_MATCH' AND recipient_agency = 'police') ORDER BY id`,
        )) as Array<{ id: string }>
      ).map((r) => r.id);
    // The card events are written with the resolutions themselves: their number is known now.
    const changes = await expectedChanges();
    expect(changes).toBeGreaterThanOrEqual(3);
    await waitFor(
      'every card change pushed',
      async () => regional.received.length,
      (n) => n >= changes,
      60_000,
    );
    const notes = await waitFor('the police notified of every match', expectedNotes, (ids) => ids.length >= 4, 60_000);
    await waitFor(
      'every notice delivered to the police system',
      async () => police.received.length,
      (n) => n >= notes.length,
      60_000,
    );
    // Several polls of both replicas go by: a second delivery would show now.
    await new Promise((resolve) => setTimeout(resolve, 2000));

    expect(regional.received.length).toBe(changes);
    expect(new Set(regional.received).size).toBe(regional.received.length);
    const noteIds = police.received.map((n) => n.id);
    expect([...noteIds].sort()).toEqual(await expectedNotes());
    expect(new Set(noteIds).size).toBe(noteIds.length);
    // Both replicas did work: the test is not one replica running alone.
    expect(second.pusher.delivered + second.webhooks.delivered).toBeGreaterThan(0);
    expect(families).toHaveLength(3);
  });
});
