import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './repo-root';

/**
 * A private nats-server with JetStream, for tests and local runs. Spawns the `nats-server` binary
 * (2.10+, see installNatsServerIfMissing) on 127.0.0.1; JetStream keeps its state in `storeDir`, so
 * restart() brings the same streams, consumers and de-duplication window back.
 */
export interface NatsServerOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** JetStream store. Absent: a temporary directory, removed by stop(). */
  storeDir?: string;
  /** How long to wait for the server to accept connections (default 15 s). */
  startTimeoutMs?: number;
}

export interface NatsServer {
  /** nats://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  /** The pid of the current process (it changes on restart). */
  readonly pid: number;
  /** `2.10.27`, say: what the binary said of itself. */
  readonly version: string;
  /** SIGTERM (JetStream flushes its state), waits for the exit; removes the store dir if it made it. */
  stop(): Promise<void>;
  /** SIGTERM, then starts again on the same port and store dir. */
  restart(): Promise<void>;
  /** SIGKILL at once (a crash): no flush. start it again with restart(). */
  kill(): void;
}

const CANDIDATES = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'];

/** The oldest server the hub is tested on (consumer filter updates, stream limits as compose runs them). */
export const MIN_NATS_SERVER = [2, 10] as const;

/**
 * Debian's suite that carries nats-server 2.10+ (bookworm, this machine's, has 2.9.10). Its
 * package is a static Go binary: it runs on bookworm as it is, so it is unpacked into a cache of
 * the repository and never installed into the system (no mixed suites in the machine's apt).
 */
const DEBIAN_SUITE_WITH_2_10 = 'trixie';

const running = new Set<ChildProcess>();
let exitHook = false;

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `nats-server --version` as [major, minor, patch], or null when it does not answer. */
export function natsServerVersion(binary: string): number[] | null {
  const out = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  const match = /v?(\d+)\.(\d+)\.(\d+)/.exec(`${out.stdout ?? ''}${out.stderr ?? ''}`);
  return match ? match.slice(1, 4).map(Number) : null;
}

function recentEnough(binary: string): boolean {
  const v = natsServerVersion(binary);
  return v !== null && (v[0] > MIN_NATS_SERVER[0] || (v[0] === MIN_NATS_SERVER[0] && v[1] >= MIN_NATS_SERVER[1]));
}

/** Where the unpacked 2.10+ binary is kept: node_modules/.cache, so `rm -rf node_modules` clears it. */
export function cachedNatsServerPath(): string {
  let root: string;
  try {
    root = repoRoot(__dirname);
  } catch {
    root = os.tmpdir();
  }
  return path.join(root, 'node_modules', '.cache', 'hub-nats-server', 'nats-server');
}

function installed(): string[] {
  const inPath = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter(Boolean)
    .map((dir) => path.join(dir, 'nats-server'));
  return [...new Set([cachedNatsServerPath(), ...inPath, ...CANDIDATES])].filter(executable);
}

/**
 * The nats-server binary: NATS_SERVER_BIN as it is; else the first of the cache, PATH and Debian's
 * locations that is 2.10 or later; else any of them (an older one runs the hub too: the code keeps
 * to what 2.9 understands); null when there is none.
 */
export function findNatsServerBinary(): string | null {
  const explicit = process.env.NATS_SERVER_BIN;
  if (explicit && executable(explicit)) return explicit;
  const found = installed();
  return found.find(recentEnough) ?? found[0] ?? null;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Unpacks Debian's nats-server 2.10+ package (from the trixie suite, signature-checked by apt with
 * the machine's Debian keyring) into the cache, with apt's lists and archives in a temporary
 * directory: the machine's apt configuration and installed packages are left alone.
 */
export function fetchDebianNatsServer(log: (line: string) => void): string | null {
  if (!existsSync('/usr/bin/apt-get') || !existsSync('/usr/bin/dpkg-deb')) return null;
  const work = mkdtempSync(path.join(os.tmpdir(), 'hub-nats-apt-'));
  try {
    for (const dir of ['lists/partial', 'cache/archives/partial']) mkdirSync(path.join(work, dir), { recursive: true });
    writeFileSync(path.join(work, 'sources.list'), `deb http://deb.debian.org/debian ${DEBIAN_SUITE_WITH_2_10} main\n`);
    const apt = [
      '-o',
      `Dir::Etc::SourceList=${path.join(work, 'sources.list')}`,
      '-o',
      'Dir::Etc::SourceParts=/dev/null',
      '-o',
      `Dir::State::Lists=${path.join(work, 'lists')}`,
      '-o',
      `Dir::Cache=${path.join(work, 'cache')}`,
      '-o',
      'APT::Sandbox::User=root',
      '-o',
      'Debug::NoLocking=1',
    ];
    const run = (args: string[]) => spawnSync('apt-get', [...apt, ...args], { cwd: work, encoding: 'utf8', timeout: 300_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    log(`nats-server 2.10+ not found: unpacking Debian ${DEBIAN_SUITE_WITH_2_10}'s package nats-server into ${path.dirname(cachedNatsServerPath())}`);
    const update = run(['update']);
    if (update.status !== 0) return (log(`apt-get update (${DEBIAN_SUITE_WITH_2_10}) failed: ${update.stderr.trim().split('\n').pop()}`), null);
    const download = run(['download', 'nats-server']);
    const deb = readdirSync(work).find((f) => f.startsWith('nats-server_') && f.endsWith('.deb'));
    if (download.status !== 0 || !deb) return (log(`apt-get download nats-server failed: ${download.stderr.trim().split('\n').pop()}`), null);
    const unpacked = path.join(work, 'root');
    if (spawnSync('dpkg-deb', ['-x', path.join(work, deb), unpacked]).status !== 0) return null;
    const binary = path.join(unpacked, 'usr', 'sbin', 'nats-server');
    if (!executable(binary) || !recentEnough(binary)) return null;
    const target = cachedNatsServerPath();
    mkdirSync(path.dirname(target), { recursive: true });
    // Copied then renamed: a test running at the same moment never sees half a binary.
    const partial = `${target}.${process.pid}.partial`;
    copyFileSync(binary, partial);
    chmodSync(partial, 0o755);
    renameSync(partial, target);
    log(`nats-server ${natsServerVersion(target)?.join('.')} ready: ${target}`);
    return target;
  } catch (error) {
    log(`nats-server 2.10+ could not be unpacked: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * nats-server 2.10 or later for the tests and local runs, so that they run what production runs:
 * a found one, else Debian's 2.10+ package unpacked into the cache (fetchDebianNatsServer); if that
 * cannot be had, Debian's own package of this release installed (as root), else whatever older
 * binary there is, with a warning. NATS_SERVER_NO_INSTALL=1: only what is found.
 */
export function installNatsServerIfMissing(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string | null {
  const found = findNatsServerBinary();
  if ((found && (process.env.NATS_SERVER_BIN || recentEnough(found))) || process.env.NATS_SERVER_NO_INSTALL) return found;
  const fetched = fetchDebianNatsServer(log);
  if (fetched) return fetched;
  if (!found && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    log("nats-server not found: installing Debian's package nats-server (apt-get install -y nats-server)");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'nats-server'], { stdio: 'ignore', env, timeout: 300_000 });
    if (install().status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'ignore', env, timeout: 300_000 });
      install();
    }
  }
  const fallback = findNatsServerBinary();
  if (fallback) log(`warning: running nats-server ${natsServerVersion(fallback)?.join('.') ?? '?'} (${fallback}); production runs 2.10 or later`);
  return fallback;
}

export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServer> {
  const binary = installNatsServerIfMissing();
  if (!binary) {
    throw new Error(
      "nats-server not found (looked in NATS_SERVER_BIN, PATH, /usr/sbin, /usr/bin): install Debian's package `nats-server` " +
        '(apt-get install -y nats-server) or set NATS_URL to a running server started with JetStream (-js).',
    );
  }
  const port = options.port || (await freePort());
  const ownsStore = !options.storeDir;
  const storeDir = options.storeDir ?? mkdtempSync(path.join(os.tmpdir(), 'hub-nats-'));
  const startTimeoutMs = options.startTimeoutMs ?? 15_000;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  if (!exitHook) {
    exitHook = true;
    // A test runner that dies must not leave servers behind.
    process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));
  }

  const launch = async (): Promise<void> => {
    const args = ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir];
    const proc = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    running.add(proc);
    let log = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-4000);
    });
    let gone = false;
    exited = new Promise<void>((resolve) => {
      proc.once('exit', () => {
        gone = true;
        running.delete(proc);
        resolve();
      });
      proc.once('error', () => {
        gone = true;
        running.delete(proc);
        resolve();
      });
    });
    const deadline = Date.now() + startTimeoutMs;
    while (Date.now() < deadline) {
      if (gone) throw new Error(`nats-server exited at start (${binary} ${args.join(' ')}):\n${log}`);
      if (await canConnect(port)) return;
      await sleep(50);
    }
    proc.kill('SIGKILL');
    throw new Error(`nats-server did not accept connections on port ${port} within ${startTimeoutMs} ms:\n${log}`);
  };

  const terminate = async (): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  await launch();

  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    version: natsServerVersion(binary)?.join('.') ?? 'unknown',
    get pid() {
      return child?.pid ?? -1;
    },
    async stop() {
      await terminate();
      child = null;
      if (ownsStore) rmSync(storeDir, { recursive: true, force: true });
    },
    async restart() {
      await terminate();
      await launch();
    },
    kill() {
      child?.kill('SIGKILL');
    },
  };
}

export interface TestNats {
  url: string;
  /** The private server, or null when NATS_URL names an outside one. */
  server: NatsServer | null;
  /** Stops the private server (no-op for NATS_URL). */
  stop(): Promise<void>;
}

/**
 * NATS for a test file: process.env.NATS_URL if set, else a private server (free port, temporary
 * store). Tests sharing a server must use their own stream names and subjects.
 */
export async function natsUrlForTests(): Promise<TestNats> {
  const external = process.env.NATS_URL;
  if (external) return { url: external, server: null, stop: async () => undefined };
  const server = await startNatsServer();
  return { url: server.url, server, stop: () => server.stop() };
}
