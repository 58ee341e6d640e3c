import { syncConfigFromEnv } from '../../subgraphs/common/config';
import { DEFAULT_STREAM_LIMITS } from '../../subgraphs/common/events/hub-stream';

describe('the JetStream stream limits in the sync configuration', () => {
  it('when nothing is set, then the limits are the documented defaults: 7 days, 1 GiB, new events refused when full', () => {
    expect(syncConfigFromEnv({}).streamLimits).toEqual({ maxAgeMs: 7 * 86_400_000, maxBytes: 1024 ** 3, discard: 'new' });
    expect(syncConfigFromEnv({}).streamLimits).toEqual(DEFAULT_STREAM_LIMITS);
  });

  it('when the variables are set, then they are read in days, mebibytes and the policy named', () => {
    const env = { HUB_EVENT_STREAM_MAX_AGE_DAYS: '14', HUB_EVENT_STREAM_MAX_MB: '4096', HUB_EVENT_STREAM_DISCARD: 'old' };
    expect(syncConfigFromEnv(env).streamLimits).toEqual({ maxAgeMs: 14 * 86_400_000, maxBytes: 4096 * 1024 * 1024, discard: 'old' });
  });

  it('when they are wrong, then the configuration stops naming each of them', () => {
    const env = { HUB_EVENT_STREAM_MAX_AGE_DAYS: '0', HUB_EVENT_STREAM_MAX_MB: 'lots', HUB_EVENT_STREAM_DISCARD: 'oldest' };
    let message = '';
    try {
      syncConfigFromEnv(env);
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of Object.keys(env)) expect(message).toContain(name);
  });
});
