import { relaySidecar } from '../common/events/start-relay';
import { runSubgraphMain } from '../common/server/run-main';
import { buildSocialSubgraph } from './server';

runSubgraphMain('social', buildSocialSubgraph, relaySidecar);
