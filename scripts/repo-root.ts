import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root, whether this runs from the sources (tests) or from dist/ (npm scripts). */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}
