import { runSubgraphMain } from '../common/server/run-main';
import { buildPoliceSubgraph } from './server';

runSubgraphMain('police', buildPoliceSubgraph);
