import { runSubgraphMain } from '../common/server/run-main';
import { buildEducationSubgraph } from './server';

runSubgraphMain('education', buildEducationSubgraph);
