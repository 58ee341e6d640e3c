import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A private nats-server with JetStream, for tests and local runs. Spawns the `nats-server` binary
 * (Debian's package `nats-server`) on 127.0.0.1; JetStream keeps its state in `storeDir`, so
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
  /** SIGTERM (JetStream flushes its state), waits for the exit; removes the store dir if it made it. */
  stop(): Promise<void>;
  /** SIGTERM, then starts again on the same port and store dir. */
  restart(): Promise<void>;
  /** SIGKILL at once (a crash): no flush. start it again with restart(). */
  kill(): void;
}

const CANDIDATES = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'];

const running = new Set<ChildProcess>();
let exitHook = false;

/** The nats-server binary: NATS_SERVER_BIN, then PATH, then Debian's locations. */
export function findNatsServerBinary(): string | null {
  const explicit = process.env.NATS_SERVER_BIN;
  const inPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, 'nats-server'));
  for (const candidate of [...(explicit ? [explicit] : []), ...inPath, ...CANDIDATES]) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return null;
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
 * On a Debian machine where we are root (CI, a fresh container), installs Debian's `nats-server`
 * package once when it is missing, so `npm test` needs nothing installed by hand; elsewhere it
 * leaves the machine alone and the caller's error says what to install.
 */
export function installNatsServerIfMissing(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): string | null {
  const found = findNatsServerBinary();
  if (found || process.env.NATS_SERVER_NO_INSTALL) return found;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return null;
  log('nats-server not found: installing Debian\'s package nats-server (apt-get install -y nats-server)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'nats-server'], { stdio: 'ignore', env, timeout: 300_000 });
  if (install().status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore', env, timeout: 300_000 });
    install();
  }
  return findNatsServerBinary();
}

export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServer> {
  const binary = installNatsServerIfMissing();
  if (!binary) {
    throw new Error(
      'nats-server not found (looked in NATS_SERVER_BIN, PATH, /usr/sbin, /usr/bin): install Debian\'s package `nats-server` ' +
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
