import { runSubgraphMain } from '../common/server/run-main';
import { buildBankSubgraph } from './server';
import { bankSidecar } from './sync/bank-sync';

runSubgraphMain('bank', buildBankSubgraph, bankSidecar);
