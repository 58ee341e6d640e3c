import { runSubgraphMain } from '../common/server/run-main';
import { buildAuditSubgraph } from './server';

runSubgraphMain('audit', buildAuditSubgraph);
