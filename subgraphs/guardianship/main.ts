import { relaySidecar } from '../common/events/start-relay';
import { runSubgraphMain } from '../common/server/run-main';
import { buildGuardianshipSubgraph } from './server';

runSubgraphMain('guardianship', buildGuardianshipSubgraph, relaySidecar);
