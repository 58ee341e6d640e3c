/**
 * The register's account cards come as JSON objects (the same the regional bank receives); the
 * page reads only what it lists, and reads it defensively: a card without a field shows a dash,
 * never breaks the list. Pure, tested on its own.
 */
export interface RegisterRow {
  familyId: string;
  municipality: string;
  address: string | null;
  /** "Фамилия Имя Отчество (ДД.ММ.ГГГГ)" joined by role: children first. */
  children: Array<{ name: string; birthDate: string | null }>;
  adults: Array<{ name: string; role: string }>;
  /** The open entry, or the latest one when the family is no longer in the register. */
  includedOn: string | null;
  basis: string | null;
  removedOn: string | null;
  removalReason: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const arr = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : []);

function nameOf(m: Record<string, unknown>): string {
  return [str(m.lastName), str(m.firstName), str(m.middleName)].filter(Boolean).join(' ') || '—';
}

export function registerRow(card: Record<string, unknown>): RegisterRow {
  const members = arr(card.members);
  const entries = arr(card.register).sort((a, b) => String(a.includedOn ?? '').localeCompare(String(b.includedOn ?? '')));
  const entry = entries.find((e) => !e.removedOn) ?? entries[entries.length - 1];
  return {
    familyId: String(card.familyId ?? ''),
    municipality: String(card.municipality ?? ''),
    address: str(card.actualAddress) ?? str(card.registeredAddress),
    children: members.filter((m) => m.role === 'CHILD').map((m) => ({ name: nameOf(m), birthDate: str(m.birthDate) })),
    adults: members.filter((m) => m.role !== 'CHILD').map((m) => ({ name: nameOf(m), role: String(m.role ?? '') })),
    includedOn: str(entry?.includedOn),
    basis: str(entry?.basis),
    removedOn: str(entry?.removedOn),
    removalReason: str(entry?.removalReason),
  };
}

/** The cursor of the next page: the last family's id (the register is ordered by it). */
export function nextCursor(cards: readonly Record<string, unknown>[], pageSize: number): string | null {
  return cards.length < pageSize ? null : String(cards[cards.length - 1].familyId ?? '') || null;
}
