import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The regulations sit next to the repository (../shared/seeds/). */
export const SEED_DIR = path.join(__dirname, '..', '..', '..', 'shared', 'seeds');

export const SEED_FILES = {
  myasnikovsky: '002_3c355fd3198502e9.txt',
  primorsky: '003_ccd373b1f7b18516.txt',
  mariEl: '004_166694640244a117.txt',
} as const;

/**
 * Text as compared with a seed: markdown escapes and emphasis, blanks to fill (runs of "_") and
 * every whitespace removed, ё read as е. The seeds are scans whose lines and table cells break
 * words apart, so whitespace carries nothing; every letter still has to match.
 */
export function normaliseForm(text: string): string {
  return text
    .replace(/\\([_*#.\-\\])/g, '$1')
    .replace(/<\/?b>|\*\*/g, '')
    .replace(/_+/g, '')
    .replace(/ё/g, 'е')
    .replace(/Ё/g, 'Е')
    .replace(/\s+/g, '');
}

export function seedText(file: keyof typeof SEED_FILES): string {
  return normaliseForm(readFileSync(path.join(SEED_DIR, SEED_FILES[file]), 'utf8'));
}
