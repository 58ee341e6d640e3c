import { Client } from 'pg';
import { describeDeliveries, startSettingsFromEnv } from '../../scripts/start-settings';
import { ConfigError } from '../../subgraphs/common/config';
import { kdnFlow } from '../support/kdn-flow';
import { waitFor } from '../support/sync-worker';
import { startTestHub, TestHub } from '../support/test-hub';
import { startWebhookReceiver, WebhookReceiver } from '../support/webhook-receiver';

/**
 * `npm start` passes the webhook and push settings on: scripts/start.ts builds them with
 * `startSettingsFromEnv(process.env)` and hands them to `startHub`, as this test does with an
 * environment of its own; a case step then reaches the police system's webhook and the data
 * bank's change reaches the regional push endpoint.
 */
describe('npm start: webhook and push settings from the environment', () => {
  let t: TestHub;
  let admin: Client;
  let police: WebhookReceiver;
  let regional: WebhookReceiver;
  let settings: ReturnType<typeof startSettingsFromEnv>;

  beforeAll(async () => {
    police = await startWebhookReceiver('police-webhook-secret');
    regional = await startWebhookReceiver('regional-push-secret');
    settings = startSettingsFromEnv({
      WEBHOOK_POLICE_SYSTEM_URL: police.url,
      WEBHOOK_POLICE_SYSTEM_SECRET: police.secret,
      REGIONAL_PUSH_URL: regional.url,
      REGIONAL_PUSH_SECRET: regional.secret,
      OUTBOX_POLL_MS: '200',
      HUB_EVENT_TRANSPORT: 'nats',
    });
    t = await startTestHub({ sync: settings.sync });
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await t?.stop();
    await police?.close();
    await regional?.close();
  });

  it('when WEBHOOK_POLICE_SYSTEM_URL and REGIONAL_PUSH_URL are set, then the start banner names the webhook and the push target, never a secret', () => {
    const lines = describeDeliveries(settings).join('\n');
    expect(lines).toContain(`Вебхук системы police-system -> ${police.url} (организаций: 1)`);
    expect(lines).toContain(`Push в региональный банк -> ${regional.url}`);
    expect(lines).toContain('HUB_EVENT_TRANSPORT не действует в npm start');
    expect(lines).toContain('scripts/webhook-receiver.ts');
    expect(lines).not.toContain(police.secret);
    expect(lines).not.toContain(regional.secret);
    expect(describeDeliveries(startSettingsFromEnv({})).join('\n')).toMatch(/Вебхуки не настроены: задайте WEBHOOK_POLICE_SYSTEM_URL/);
  });

  it('when a variable names no system, or the agency-wide name of before, then the start stops naming every mistake', () => {
    const start = (env: Record<string, string>) => () => startSettingsFromEnv(env);
    expect(start({ WEBHOOK_POLICE_URL: 'http://127.0.0.1:1/', WEBHOOK_POLICE_SECRET: 's', WEBHOOK_NOBODY_URL: 'http://127.0.0.1:1/' })).toThrow(ConfigError);
    expect(start({ WEBHOOK_POLICE_URL: 'http://127.0.0.1:1/', WEBHOOK_POLICE_SECRET: 's' })).toThrow(/WEBHOOK_POLICE_SYSTEM_URL/);
    expect(start({ WEBHOOK_POLICE_SYSTEM_URL: 'http://127.0.0.1:1/' })).toThrow(/WEBHOOK_POLICE_SYSTEM_SECRET/);
    expect(start({ REGIONAL_PUSH_URL: 'http://127.0.0.1:1/' })).toThrow(/REGIONAL_PUSH_SECRET/);
  });

  it('when the chair recognises the SOP with the police unit supporting, then the police system’s webhook and the regional push endpoint receive them, signed', async () => {
    const flow = kdnFlow(t);
    const { familyId, childId } = await flow.family();
    // The check goes to social protection and the police unit of Vladivostok; the SOP enters the family in the data bank.
    const kase = await flow.recogniseSop(childId, 'НС-1', 'SOCIAL', ['POLICE']);
    const delivered = await waitFor(
      'the police webhook',
      async () => police.received.filter((n) => n.caseId === kase.id).map((n) => n.kind),
      (kinds) => kinds.includes('RESOLUTION'),
      20_000,
    );
    expect(delivered).toContain('RESOLUTION');
    expect(police.badSignatures).toBe(0);
    const pushed = await waitFor(
      'the regional push',
      async () =>
        regional.received.flatMap((page) => ((page as unknown as { changes?: Array<{ familyId: string; type: string }> }).changes ?? []).filter((c) => c.familyId === familyId).map((c) => c.type)),
      (types) => types.includes('RegisterEntryOpened'),
      20_000,
    );
    expect(pushed).toContain('RegisterEntryOpened');
    expect(regional.badSignatures).toBe(0);
  });
});
