import { SUBGRAPH_NAMES } from '../subgraphs/common/config';
import { bootstrapDatabase, roleFor } from '../subgraphs/common/db/bootstrap';

/**
 * Production database set-up, run once (docker-compose's `db-init`) with an administrator
 * connection: one schema and one login role per subgraph. Each subgraph then applies its own
 * migrations at start, as its own role.
 */
async function main(): Promise<void> {
  const adminUrl = process.env.ADMIN_DATABASE_URL;
  if (!adminUrl) throw new Error('ADMIN_DATABASE_URL is required');
  const roles = SUBGRAPH_NAMES.map((name) => {
    const password = process.env[`${name.toUpperCase()}_DB_PASSWORD`];
    if (!password) throw new Error(`${name.toUpperCase()}_DB_PASSWORD is required`);
    return roleFor(name, password);
  });
  await bootstrapDatabase(adminUrl, roles);
  process.stdout.write(`${JSON.stringify({ level: 'info', service: 'db-init', msg: 'schemas and roles ready', schemas: SUBGRAPH_NAMES })}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', service: 'db-init', msg: error.message })}\n`);
  process.exit(1);
});
