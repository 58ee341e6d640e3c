import { runSubgraphMain } from '../common/server/run-main';
import { buildBankSubgraph } from './server';

runSubgraphMain('bank', buildBankSubgraph);
