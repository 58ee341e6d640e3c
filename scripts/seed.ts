import { devRolePassword } from './hub';
import { parseSeedSize, progressBar, seedDemoData, seedUrlsFor } from './seed/seed';

/**
 * `npm run seed -- --children 100000 [--seed 7]`: synthetic demo data into a database whose
 * roles and migrations exist (run `npm start` once, or db-init + the services). The admin URL
 * comes from DATABASE_URL; the roles' passwords are the development ones unless
 * <NAME>_DB_PASSWORD is set.
 */
function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL (an administrator connection) is required');
  const children = parseSeedSize(flag('children', flag('size', 'small')));
  const seed = Number(flag('seed', '1'));
  const password = (name: Parameters<typeof devRolePassword>[0]) => process.env[`${name.toUpperCase()}_DB_PASSWORD`] ?? devRolePassword(name);
  const result = await seedDemoData({ urls: seedUrlsFor(adminUrl, password), children, seed, onProgress: progressBar('seed'), log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  if (result.skipped.length) process.stderr.write(`Пропущены (нет таблиц или доступа): ${result.skipped.join(', ')}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
