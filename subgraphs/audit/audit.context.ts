import { AuditStore } from '../../auth/audit/audit-store';
import { SubgraphContext } from '../common/server/context';
import { AuditQueryService } from './services/audit-query.service';

export type AuditContext = SubgraphContext<{
  services: { queries: AuditQueryService; store: AuditStore; signingPublicKey: string };
}>;
