import { runSubgraphMain } from '../common/server/run-main';
import { buildGuardianshipSubgraph } from './server';

runSubgraphMain('guardianship', buildGuardianshipSubgraph);
