import { loadOrganisationRegistry } from '../auth/organisations/organisation-registry';
import { syncConfigFromEnv, SyncConfig } from '../subgraphs/common/config';
import { webhookVariable } from '../subgraphs/common/webhook-config';

type Env = Record<string, string | undefined>;

/** What `npm start` hands to startHub from the environment: the same variables the bank reads in production. */
export interface StartSettings {
  sync: Pick<SyncConfig, 'pollMs' | 'batchSize' | 'regionalPush' | 'webhooks'>;
  /** `npm start` runs every service in one process: events travel in-process whatever HUB_EVENT_TRANSPORT says. */
  transportIgnored: boolean;
}

/**
 * The webhook and push settings of `npm start`, read and checked by the bank's own configuration
 * code (`syncConfigFromEnv`: `WEBHOOK_<CLIENT_ID>_URL` / `_SECRET` per system of the registry,
 * `REGIONAL_PUSH_URL` / `_SECRET`, `OUTBOX_POLL_MS`, `OUTBOX_BATCH_SIZE`), so a mistake stops the
 * start with every error named instead of being ignored.
 */
export function startSettingsFromEnv(env: Env): StartSettings {
  const { pollMs, batchSize, regionalPush, webhooks } = syncConfigFromEnv({ ...env, HUB_EVENT_TRANSPORT: undefined, NATS_URL: undefined });
  return { sync: { pollMs, batchSize, regionalPush, webhooks }, transportIgnored: Boolean(env.HUB_EVENT_TRANSPORT && env.HUB_EVENT_TRANSPORT !== 'inprocess') };
}

/** Lines for the start banner: which systems take webhooks (and for how many organisations), where push goes; never a secret. */
export function describeDeliveries(settings: StartSettings): string[] {
  const systems = new Map(loadOrganisationRegistry().data.systems.map((s) => [s.clientId, s]));
  const lines = ['Доставка уведомлений и изменений банка:'];
  const configured = Object.entries(settings.sync.webhooks).filter((entry): entry is [string, { url: string; secret: string }] => entry[1] !== undefined);
  if (configured.length === 0) {
    lines.push(`  Вебхуки не настроены: задайте ${webhookVariable('police-system')}_URL и ${webhookVariable('police-system')}_SECRET (по системе реестра, WEBHOOK_<CLIENT_ID>_URL/_SECRET).`);
  }
  for (const [clientId, endpoint] of configured) {
    const system = systems.get(clientId);
    lines.push(`  Вебхук системы ${clientId} -> ${endpoint.url} (организаций: ${system?.organisations.length ?? 0})`);
  }
  lines.push(
    settings.sync.regionalPush
      ? `  Push в региональный банк -> ${settings.sync.regionalPush.url}`
      : '  Push в региональный банк не настроен (REGIONAL_PUSH_URL, REGIONAL_PUSH_SECRET): региональный банк забирает изменения запросом bankChanges.',
  );
  if (settings.transportIgnored) lines.push('  HUB_EVENT_TRANSPORT не действует в npm start: все службы в одном процессе, события передаются внутри него (NATS — в docker-compose).');
  lines.push('  Смотреть доставки локально: node -r ./scripts/ts-register.js scripts/webhook-receiver.ts --port 9999 --secret s');
  return lines;
}
