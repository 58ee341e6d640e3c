import { mkdirSync } from 'node:fs';

/** Claims a name for one process of the run: mkdir either creates the directory or fails because another did. */
export function claim(dir: string): boolean {
  try {
    mkdirSync(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
