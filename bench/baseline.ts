import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../scripts/repo-root';
import { caseViewOperation, log } from './support';

/**
 * An earlier revision of the hub, built apart, for the case-view bench to load in the same run as
 * today's (`--baseline <rev>`): the machine's noise between runs is larger than some of the gains
 * measured, so "n times faster" is only said of two targets of one run. The revision's tree comes
 * from `git archive` into a temporary directory (kept between runs: the build is the slow part);
 * when its package-lock.json is today's, it shares today's node_modules, otherwise `npm ci` runs.
 */
export interface Baseline {
  rev: string;
  dir: string;
  /** The revision's own bench hub. */
  script: string;
  /** The revision's own `CaseView` document (its schema may differ from today's). */
  operation: string;
}

const git = (args: string[]) => execFileSync('git', args, { cwd: repoRoot(), encoding: 'utf8' }).trim();

export function prepareBaseline(rev: string): Baseline {
  const commit = git(['rev-parse', '--verify', `${rev}^{commit}`]);
  const dir = path.join(os.tmpdir(), `hub-baseline-${commit.slice(0, 12)}`);
  const script = path.join(dir, 'dist', 'bench', 'case-view-hub.js');
  if (!existsSync(script)) {
    log(`case-view: building the baseline ${commit.slice(0, 12)} in ${dir}`);
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive --format=tar ${commit} | tar -x -C '${dir}'`], { cwd: repoRoot(), stdio: 'inherit' });
    const sameLock = spawnSync('git', ['diff', '--quiet', commit, '--', 'package-lock.json'], { cwd: repoRoot() }).status === 0;
    if (sameLock) symlinkSync(path.join(repoRoot(), 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    else execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
    // The server and the bench only: the portal is not part of a case view.
    execFileSync(process.execPath, [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
    execFileSync(process.execPath, ['scripts/copy-assets.js'], { cwd: dir, stdio: 'inherit' });
  }
  return { rev: commit.slice(0, 7), dir, script, operation: caseViewOperation(dir) };
}
