import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

/**
 * Debian's Chromium for the browser tests (playwright-core drives it; Playwright's own browser
 * download cannot work on machines that reach only package registries). Shaped like
 * scripts/nats-server.ts: found where Debian puts it, installed once when missing and we are root.
 */
const CANDIDATES = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'];

/** CHROMIUM_PATH, then Debian's locations; null when none is executable. */
export function findChromium(): string | null {
  const explicit = process.env.CHROMIUM_PATH;
  for (const candidate of [...(explicit ? [explicit] : []), ...CANDIDATES]) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return null;
}

/**
 * On a Debian machine where we are root (CI, a fresh container), installs Debian's `chromium`
 * package when it is missing, so the browser tests need nothing installed by hand; elsewhere it
 * leaves the machine alone and the caller's error says what to install.
 */
export function installChromiumIfMissing(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string | null {
  const found = findChromium();
  if (found || process.env.CHROMIUM_NO_INSTALL) return found;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return null;
  log("chromium not found: installing Debian's package chromium (apt-get install -y --no-install-recommends chromium)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'ignore', env, timeout: 600_000 });
  if (install().status !== 0) {
    // A fresh machine has no package lists yet.
    spawnSync('apt-get', ['update'], { stdio: 'ignore', env, timeout: 300_000 });
    install();
  }
  return findChromium();
}

/** The path of an executable Chromium, installing Debian's package when possible; a clear error otherwise. */
export async function ensureChromium(): Promise<string> {
  const binary = installChromiumIfMissing();
  if (!binary) {
    throw new Error(
      "Chromium not found (looked in CHROMIUM_PATH, /usr/bin/chromium): install Debian's package `chromium` " +
        '(apt-get install -y --no-install-recommends chromium, as root) or set CHROMIUM_PATH to a Chromium or Chrome executable.',
    );
  }
  return binary;
}
