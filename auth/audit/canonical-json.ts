/** Canonical JSON (sorted keys, no spaces): the exact text that request hashes and the audit chain cover. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  // An array of strings (an entry's field paths, subjects, roles) is its own canonical form.
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string') ? JSON.stringify(value) : `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
