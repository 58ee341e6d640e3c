/**
 * The curator's decisions on the organisations' proposals, turned into composeProgramme's input;
 * pure, so the rules are tested without a page. A proposal left undecided stays proposed; a
 * decline needs its reason (the proposing organisation reads it).
 */
export type Decision = { kind: 'undecided' } | { kind: 'accept'; dueDate?: string; measure?: string } | { kind: 'decline'; reason: string };

export interface ComposeInput {
  accept: Array<{ proposalId: string; dueDate?: string; measure?: string }>;
  decline: Array<{ proposalId: string; reason: string }>;
}

export interface ComposeCheck {
  input: ComposeInput;
  /** Russian messages by proposal id: what stops the form from being sent. */
  problems: Record<string, string>;
}

export function composeInput(decisions: Readonly<Record<string, Decision>>, proposed: ReadonlyArray<{ id: string; measure: string; dueDate: string }>): ComposeCheck {
  const input: ComposeInput = { accept: [], decline: [] };
  const problems: Record<string, string> = {};
  for (const p of proposed) {
    const d = decisions[p.id] ?? { kind: 'undecided' };
    if (d.kind === 'accept') {
      const measure = d.measure?.trim();
      if (d.measure !== undefined && !measure) problems[p.id] = 'Мероприятие не может быть пустым';
      input.accept.push({
        proposalId: p.id,
        ...(d.dueDate && d.dueDate !== p.dueDate ? { dueDate: d.dueDate } : {}),
        ...(measure && measure !== p.measure ? { measure } : {}),
      });
    } else if (d.kind === 'decline') {
      if (!d.reason.trim()) problems[p.id] = 'Укажите причину: её увидит предложившая организация';
      input.decline.push({ proposalId: p.id, reason: d.reason.trim() });
    }
  }
  if (input.accept.length + input.decline.length === 0) problems[''] = 'Не выбрано ни одного решения';
  return { input, problems };
}

/** "3 из 5 исполнено, 1 просрочено": the programme's state in one phrase. */
export function programmeState(rows: ReadonlyArray<{ doneOn?: string | null; overdue: boolean; cancelled?: boolean }>): string {
  const live = rows.filter((r) => !r.cancelled);
  if (live.length === 0) return 'программы нет';
  const done = live.filter((r) => r.doneOn).length;
  const overdue = live.filter((r) => r.overdue).length;
  return `${done} из ${live.length} исполнено${overdue ? `, ${overdue} просрочено` : ''}`;
}
