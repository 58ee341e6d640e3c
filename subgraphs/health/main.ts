import { relaySidecar } from '../common/events/start-relay';
import { runSubgraphMain } from '../common/server/run-main';
import { buildHealthSubgraph } from './server';

runSubgraphMain('health', buildHealthSubgraph, relaySidecar);
