import type { HubClient } from './hub-client';

/**
 * Waits until the gateway reaches the bank (a request only the bank answers, refused as bad
 * input): on a loaded machine the first call after start was seen refused as unreachable.
 */
export async function bankAnswers(t: HubClient, tries = 20): Promise<void> {
  for (let i = 0; i < tries; i++) {
    const r = await t.gql(await t.userToken('secretary.vlk'), '{ petitions { id } }');
    if (!r.errors?.some((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE')) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the gateway never reached the bank');
}
