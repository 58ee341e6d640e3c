import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FORWARDED_HEADERS } from '../../auth/request-meta';
import { repoRoot } from '../../scripts/repo-root';

/**
 * Hive Gateway (MIT) over the same supergraph and subgraphs as ours: the proof that any
 * Federation 2 router can take our gateway's place, and a bench target. It forwards the caller's
 * token and purpose headers like ours does; everything else is Hive's defaults.
 */
export type HivePlanner = 'js' | 'rust';

export interface HiveGatewayOptions {
  supergraphSdl: string;
  /** Where each subgraph really listens (the supergraph names the docker-compose hosts). */
  subgraphUrls: Record<string, string>;
  planner: HivePlanner;
  host?: string;
  port?: number;
}

export interface RunningHiveGateway {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** The supergraph with each `@join__graph(name: ..., url: ...)` pointing where the subgraph listens. */
export function routeSupergraph(sdl: string, urls: Record<string, string>): string {
  return sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) => (urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole));
}

/** Starts Hive Gateway in a child process (hive-gateway-process.mjs) and waits until it listens. */
export async function startHiveGateway(options: HiveGatewayOptions): Promise<RunningHiveGateway> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hive-gateway-'));
  const supergraphPath = path.join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, routeSupergraph(options.supergraphSdl, options.subgraphUrls));
  const script = path.join(repoRoot(), 'bench', 'routers', 'hive-gateway-process.mjs');
  const args = JSON.stringify({ supergraphPath, planner: options.planner, headers: FORWARDED_HEADERS, host: options.host, port: options.port });
  const child = spawn(process.execPath, [script, args], { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`Hive Gateway (${options.planner}) did not start in 60 s: ${stderr}`)), 60000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Hive Gateway (${options.planner}) exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
