import { Client } from 'pg';

/**
 * Database layout, done once by an administrator connection (the embedded superuser in
 * development and tests, an init job in production): per subgraph a login role and a schema
 * owned by it. Nobody else gets USAGE on that schema, so one subgraph's role cannot read
 * another's tables even by accident; PUBLIC loses its default rights on `public`.
 */
export interface SubgraphRole {
  schema: string;
  role: string;
  password: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Extensions a subgraph's migrations need, created here in the subgraph's own schema: its role is
 * no superuser and has no CREATE on the database, so it cannot install even a trusted extension.
 * pg_trgm: the bank's typo-tolerant search by name and address (subgraphs/bank/search/).
 */
const SCHEMA_EXTENSIONS: Record<string, string[]> = { bank: ['pg_trgm'] };

function ident(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Unsafe SQL identifier: ${name}`);
  return `"${name}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function roleFor(schema: string, password: string): SubgraphRole {
  return { schema, role: `hub_${schema}`, password };
}

/** The connection string of a subgraph's own role on the same server and database as the admin URL. */
export function roleUrl(adminUrl: string, role: SubgraphRole): string {
  const url = new URL(adminUrl);
  url.username = role.role;
  url.password = role.password;
  return url.toString();
}

/**
 * Roles and grants live in the server's shared catalogs: two bootstraps at once (two test files'
 * databases, two db-init replicas) may both find a role missing and both create it, or update the
 * same role row together. Advisory locks cannot help (they are per database), so a statement that
 * loses such a race is run again: the second time it finds the role there.
 */
async function sharedCatalog(client: Client, sql: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(sql);
      return;
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      const raced = code === '23505' || code === '40001' || code === '40P01' || (code === 'XX000' && /concurrently/.test(message ?? ''));
      if (!raced || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}

export async function bootstrapDatabase(adminUrl: string, roles: SubgraphRole[]): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const database = new URL(adminUrl).pathname.slice(1);
    await client.query(`REVOKE ALL ON SCHEMA public FROM PUBLIC`);
    await client.query(`REVOKE ALL ON DATABASE ${ident(database)} FROM PUBLIC`);
    for (const { schema, role, password } of roles) {
      // Roles are server-wide: several databases (one per test file) share them.
      await sharedCatalog(
        client,
        `
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal(role)}) THEN
            CREATE ROLE ${ident(role)} LOGIN NOINHERIT NOCREATEDB NOCREATEROLE PASSWORD ${literal(password)};
          END IF;
        END $$`,
      );
      await sharedCatalog(client, `ALTER ROLE ${ident(role)} SET search_path = ${ident(schema)}`);
      await sharedCatalog(client, `GRANT CONNECT, TEMPORARY ON DATABASE ${ident(database)} TO ${ident(role)}`);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${ident(schema)} AUTHORIZATION ${ident(role)}`);
      await client.query(`REVOKE ALL ON SCHEMA ${ident(schema)} FROM PUBLIC`);
      for (const extension of SCHEMA_EXTENSIONS[schema] ?? []) {
        await client.query(`CREATE EXTENSION IF NOT EXISTS ${ident(extension)} WITH SCHEMA ${ident(schema)}`);
      }
    }
    // pgcrypto's gen_random_uuid is built into PostgreSQL 13+; nothing to install.
  } finally {
    await client.end();
  }
}

/** A fresh database on the same server (tests: one per file, so files never see each other's rows). */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${ident(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
