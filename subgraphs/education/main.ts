import { relaySidecar } from '../common/events/start-relay';
import { runSubgraphMain } from '../common/server/run-main';
import { buildEducationSubgraph } from './server';

runSubgraphMain('education', buildEducationSubgraph, relaySidecar);
