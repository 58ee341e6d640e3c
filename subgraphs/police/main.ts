import { relaySidecar } from '../common/events/start-relay';
import { runSubgraphMain } from '../common/server/run-main';
import { buildPoliceSubgraph } from './server';

runSubgraphMain('police', buildPoliceSubgraph, relaySidecar);
