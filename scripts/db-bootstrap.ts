import { openAuditStore } from '../auth/audit/audit-store';
import { AUDIT, SUBGRAPH_NAMES } from '../subgraphs/common/config';
import { checkEnv, requiredTextRule, requiredUrlRule } from '../subgraphs/common/env-check';
import { bootstrapDatabase, roleFor, roleUrl } from '../subgraphs/common/db/bootstrap';

/**
 * Production database set-up, run once (docker-compose's `db-init`) with an administrator
 * connection: one schema and one login role per subgraph, plus the audit schema and its owner,
 * whose migration grants each subgraph's role the right to append and nothing more. Each
 * subgraph then applies its own migrations at start, as its own role.
 */
async function main(): Promise<void> {
  // Every missing password named at once: db-init runs once per deployment, a retry per mistake is slow.
  const { adminUrl, roles } = checkEnv(process.env, (check) => ({
    adminUrl: check.read('ADMIN_DATABASE_URL', requiredUrlRule(['postgres:', 'postgresql:'])),
    roles: [...new Set([...SUBGRAPH_NAMES, AUDIT])].map((name) => roleFor(name, check.read(`${name.toUpperCase()}_DB_PASSWORD`, requiredTextRule))),
  }));
  await bootstrapDatabase(adminUrl, roles);
  const audit = await openAuditStore(
    roleUrl(
      adminUrl,
      roles.find((r) => r.schema === AUDIT)!,
    ),
  );
  await audit.close();
  process.stdout.write(`${JSON.stringify({ level: 'info', service: 'db-init', msg: 'schemas, roles and the audit log ready', schemas: SUBGRAPH_NAMES })}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', service: 'db-init', msg: error.message })}\n`);
  process.exit(1);
});
