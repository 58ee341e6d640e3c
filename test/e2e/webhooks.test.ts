import { setTimeout as sleep } from 'node:timers/promises';
import { loadOrganisationRegistry } from '../../auth/organisations/organisation-registry';
import { DEV_PSEUDONYM_KEY } from '../../scripts/hub';
import { WebhookDispatcher } from '../../subgraphs/bank/sync/webhook-dispatcher';
import { ConfigError, syncConfigFromEnv } from '../../subgraphs/common/config';
import { personInput, signalInput } from '../support/factories';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import { waitFor } from '../support/sync-worker';
import { GraphQLResult, startTestHub, TestHub } from '../support/test-hub';
import { startWebhookReceiver, WebhookBody, WebhookReceiver } from '../support/webhook-receiver';

/**
 * Webhooks belong to systems, not agency types: each system's endpoint receives the notifications
 * of the organisations on its registry allow-list, and nothing of another organisation of the same
 * type, whichever region it is in.
 */
const registry = loadOrganisationRegistry();
const org = (code: string) => registry.all().find((o) => o.code === code)!.id;
const VLK = '05701000';
const YOL = '88701000';

type Registration = { registerPerson: { person: { id: string } } };

describe('notification webhooks go to the systems that serve the recipient organisation', () => {
  let t: TestHub;
  let vlkPolice: WebhookReceiver;
  let regionalEducation: WebhookReceiver;
  let vlkSchool: WebhookReceiver;
  const ok = <T>(result: GraphQLResult<T>): T => {
    expect(result.errors).toBeUndefined();
    return result.data!;
  };
  const bank = (sql: string, params: unknown[] = []) => t.hub.subgraphs.bank.dataSource.query(sql, params);
  const about = (receiver: WebhookReceiver, childId: string) => receiver.received.filter((r) => r.childId === childId);
  const deliveries = (ids: string[]) =>
    bank(`SELECT notification_id, system, attempts, delivered_at IS NOT NULL AS delivered FROM notification_delivery WHERE notification_id = ANY($1::uuid[]) ORDER BY system`, [ids]) as Promise<
      Array<{ notification_id: string; system: string; attempts: number; delivered: boolean }>
    >;
  const matchNotes = async (childId: string) =>
    (await bank(`SELECT id, recipient_organisation FROM notification WHERE child_id = $1 AND kind = 'SIGNAL_MATCH'`, [childId])) as Array<{ id: string; recipient_organisation: string }>;
  /** Several polls of the dispatcher (every 200 ms in tests): long enough for a wrong or repeated delivery to show. */
  const settle = () => sleep(1500);

  beforeAll(async () => {
    [vlkPolice, regionalEducation, vlkSchool] = await Promise.all(['vlk-police-secret', 'regional-education-secret', 'vlk-school-secret'].map(startWebhookReceiver));
    t = await startTestHub({
      sync: {
        webhooks: {
          'police-system': { url: vlkPolice.url, secret: vlkPolice.secret },
          'education-regional': { url: regionalEducation.url, secret: regionalEducation.secret },
          'education-system': { url: vlkSchool.url, secret: vlkSchool.secret },
        },
      },
    });
  });
  afterAll(async () => {
    await t.stop();
    await Promise.all([vlkPolice, regionalEducation, vlkSchool].map((r) => r.close()));
  });

  it("when a Yoshkar-Ola police unit is notified, then the Vladivostok police system's webhook receives nothing, and the regional education system's webhook receives its Yoshkar-Ola school's notification once", async () => {
    const regional = await t.clientToken('education-regional', 'dev-education-regional-secret');
    const asSchool = { 'x-hub-organisation': org('school1-yol') };
    const child = ok(await t.gql<Registration>(regional, REGISTER_PERSON, { input: personInput({ municipality: YOL }) }, undefined, asSchool)).registerPerson.person.id;
    ok(await t.gql(regional, reportSignal('education'), { input: signalInput(child, { observedAt: '2026-10-01T09:00:00+03:00' }) }, undefined, asSchool));
    ok(
      await t.gql(await t.userToken('police.yol'), reportSignal('police'), {
        input: signalInput(child, { sourceKind: 'POLICE', reporter: { name: 'Смирнов Игорь Павлович', position: 'инспектор ПДН', organisation: 'ОДН УМВД по г. Йошкар-Оле' } }),
      }),
    );
    const notes = await waitFor(
      'the school, the police unit and the commission of Yoshkar-Ola notified',
      () => matchNotes(child),
      (n) => n.length === 3,
      20_000,
    );
    expect(notes.map((n) => n.recipient_organisation).sort()).toEqual([org('school1-yol'), org('police-yol'), org('kdn-yol')].sort());
    const schoolNote = notes.find((n) => n.recipient_organisation === org('school1-yol'))!;

    const delivered = await waitFor(
      "the regional education system's delivery",
      async () => about(regionalEducation, child),
      (r) => r.length >= 1,
      20_000,
    );
    await settle();
    expect(about(regionalEducation, child)).toEqual([
      expect.objectContaining<Partial<WebhookBody>>({ id: schoolNote.id, delivery: schoolNote.id, organisationId: org('school1-yol'), kind: 'SIGNAL_MATCH', municipality: YOL }),
    ]);
    expect(delivered[0].message).toContain('ОДН УМВД по г. Йошкар-Оле');
    // The Vladivostok systems serve no organisation of Yoshkar-Ola: the police unit's and the commission's notifications go nowhere.
    expect(about(vlkPolice, child)).toEqual([]);
    expect(about(vlkSchool, child)).toEqual([]);
    expect(await deliveries(notes.map((n) => n.id))).toEqual([{ notification_id: schoolNote.id, system: 'education-regional', attempts: 1, delivered: true }]);
    for (const receiver of [vlkPolice, regionalEducation, vlkSchool]) expect(receiver.badSignatures).toBe(0);
  });

  it('when a Vladivostok school served by its own system and by the regional one is notified, then each receives it once, and a retry to one resends nothing to the other', async () => {
    vlkSchool.refuseNext(1);
    const school = await t.systemToken('education');
    const child = ok(await t.gql<Registration>(school, REGISTER_PERSON, { input: personInput({ municipality: VLK }) })).registerPerson.person.id;
    ok(await t.gql(school, reportSignal('education'), { input: signalInput(child, { observedAt: '2026-10-01T09:00:00+10:00' }) }));
    ok(await t.gql(await t.systemToken('police'), reportSignal('police'), { input: signalInput(child, { sourceKind: 'POLICE' }) }));
    const notes = await waitFor(
      'the match notifications',
      () => matchNotes(child),
      (n) => n.length === 3,
      20_000,
    );
    const schoolNote = notes.find((n) => n.recipient_organisation === org('school1-vlk'))!;
    const policeNote = notes.find((n) => n.recipient_organisation === org('police-vlk'))!;

    await waitFor(
      'both education systems and the police system delivered',
      async () => [about(vlkSchool, child), about(regionalEducation, child), about(vlkPolice, child)],
      (all) => all.every((r) => r.length >= 1),
      20_000,
    );
    await settle();
    expect(about(vlkSchool, child).map((r) => [r.id, r.organisationId])).toEqual([[schoolNote.id, org('school1-vlk')]]);
    expect(about(regionalEducation, child).map((r) => [r.id, r.organisationId])).toEqual([[schoolNote.id, org('school1-vlk')]]);
    expect(about(vlkPolice, child).map((r) => [r.id, r.organisationId])).toEqual([[policeNote.id, org('police-vlk')]]);
    expect((await deliveries(notes.map((n) => n.id))).map((d) => [d.notification_id, d.system, d.attempts, d.delivered])).toEqual([
      [schoolNote.id, 'education-regional', 1, true],
      [schoolNote.id, 'education-system', 2, true],
      [policeNote.id, 'police-system', 1, true],
    ]);
  });

  it('when a notification from before organisations names only a type and a municipality, then the systems of that type serving the municipality receive it; one the old dispatcher already sent is not sent again', async () => {
    const insert = async (agency: string, municipality: string, message: string, deliveredBefore = false) =>
      (
        await bank(`INSERT INTO notification (recipient_agency, recipient_organisation, municipality, kind, message, delivered_at) VALUES ($1, NULL, $2, 'CHECK_ASSIGNED', $3, $4) RETURNING id`, [
          agency,
          municipality,
          message,
          deliveredBefore ? new Date() : null,
        ])
      )[0].id as string;
    const yolSchools = await insert('education', YOL, 'Назначена проверка (Йошкар-Ола, образование)');
    const yolPolice = await insert('police', YOL, 'Назначена проверка (Йошкар-Ола, ОВД)');
    const vlkPoliceNote = await insert('police', VLK, 'Назначена проверка (Владивосток, ОВД)');
    const alreadySent = await insert('education', VLK, 'Назначена проверка (Владивосток, образование), отправлена прежде', true);
    const ids = [yolSchools, yolPolice, vlkPoliceNote, alreadySent];

    await waitFor(
      'the legacy notifications delivered',
      async () => [regionalEducation, vlkPolice].map((r) => r.received.filter((b) => ids.includes(b.id))),
      (all) => all.every((r) => r.length >= 1),
      20_000,
    );
    await settle();
    const got = (receiver: WebhookReceiver) => receiver.received.filter((b) => ids.includes(b.id)).map((b) => [b.id, b.organisationId, b.agency, b.municipality]);
    expect(got(regionalEducation)).toEqual([[yolSchools, null, 'education', YOL]]);
    expect(got(vlkPolice)).toEqual([[vlkPoliceNote, null, 'police', VLK]]);
    expect(got(vlkSchool)).toEqual([]);
  });

  it('when two bank replicas dispatch at once, then every notification reaches the system exactly once', async () => {
    const second = new WebhookDispatcher(t.hub.subgraphs.bank.dataSource, {
      endpoints: { 'education-regional': { url: regionalEducation.url, secret: regionalEducation.secret } },
      pseudonymKey: DEV_PSEUDONYM_KEY,
      pollMs: 20,
    });
    second.start();
    try {
      const rows = (await bank(
        `INSERT INTO notification (recipient_agency, recipient_organisation, municipality, kind, message)
         SELECT 'education', $1, $2, 'CHECK_ASSIGNED', 'Назначена проверка № ' || n FROM generate_series(1, 60) n RETURNING id`,
        [org('school2-yol'), YOL],
      )) as Array<{ id: string }>;
      const ids = rows.map((r) => r.id);
      await waitFor(
        'all sixty delivered',
        async () => new Set(regionalEducation.received.filter((b) => ids.includes(b.id)).map((b) => b.id)).size,
        (n) => n === 60,
        30_000,
      );
      await settle();
      expect(regionalEducation.received.filter((b) => ids.includes(b.id))).toHaveLength(60);
      expect(second.delivered).toBeGreaterThan(0);
      expect((await deliveries(ids)).every((d) => d.system === 'education-regional' && d.attempts === 1 && d.delivered)).toBe(true);
    } finally {
      await second.stop();
    }
  });
});

describe('webhook configuration: one variable pair per system, every mistake reported at start', () => {
  it('when WEBHOOK_<CLIENT_ID>_URL and _SECRET are set, then that system takes webhooks', () => {
    const sync = syncConfigFromEnv({
      WEBHOOK_POLICE_SYSTEM_URL: 'https://police.example/hub',
      WEBHOOK_POLICE_SYSTEM_SECRET: 'police-secret',
      WEBHOOK_EDUCATION_REGIONAL_URL: 'https://edu.example/hub',
      WEBHOOK_EDUCATION_REGIONAL_SECRET: 'edu-secret',
    });
    expect(sync.webhooks).toEqual({
      'police-system': { url: 'https://police.example/hub', secret: 'police-secret' },
      'education-regional': { url: 'https://edu.example/hub', secret: 'edu-secret' },
    });
  });

  it('when an agency-wide variable, an unknown system, a bad URL and a missing secret are set, then start fails naming each of them', () => {
    const read = () =>
      syncConfigFromEnv({
        WEBHOOK_POLICE_URL: 'https://police.example/all',
        WEBHOOK_POLICE_SECRET: 'secret',
        WEBHOOK_SCHOOL99_SYSTEM_URL: 'https://school99.example/hub',
        WEBHOOK_EDUCATION_SYSTEM_URL: 'ftp://school.example/hub',
        WEBHOOK_EDUCATION_SYSTEM_SECRET: 'secret',
        WEBHOOK_HEALTH_REGIONAL_URL: 'https://health.example/hub',
      });
    expect(read).toThrow(ConfigError);
    let message = '';
    try {
      read();
    } catch (error) {
      message = (error as Error).message;
    }
    for (const expected of [
      'WEBHOOK_POLICE_URL',
      'WEBHOOK_POLICE_SECRET',
      'WEBHOOK_POLICE_SYSTEM_URL',
      'WEBHOOK_SCHOOL99_SYSTEM_URL',
      'WEBHOOK_EDUCATION_SYSTEM_URL=ftp://school.example/hub',
      'WEBHOOK_HEALTH_REGIONAL_SECRET',
    ]) {
      expect(message).toContain(expected);
    }
  });
});
