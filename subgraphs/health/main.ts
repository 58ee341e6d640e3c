import { runSubgraphMain } from '../common/server/run-main';
import { buildHealthSubgraph } from './server';

runSubgraphMain('health', buildHealthSubgraph);
