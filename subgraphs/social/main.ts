import { runSubgraphMain } from '../common/server/run-main';
import { buildSocialSubgraph } from './server';

runSubgraphMain('social', buildSocialSubgraph);
