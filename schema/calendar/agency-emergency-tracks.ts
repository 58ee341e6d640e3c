// Shared by the police and social subgraphs (neither imports the other): the steps and terms of Mari El 7.2 and 7.3.
import { addCalendarDays, dueAfterWorkingDays } from './working-days';
import { TrackStatus } from './emergency-track';

/** One step of an agency's emergency track as shown: its term, whether it was done, and the rule. */
export interface AgencyTrackItem {
  step: string;
  caption: string;
  dueOn: string;
  doneOn: string | null;
  documentRef: string | null;
  rule: string;
  status: TrackStatus;
}

interface StepDef<C> {
  step: string;
  caption: string;
  rule: string;
  /** The date the term runs from, or null where the step does not apply to this record. */
  from: (c: C) => string | null;
  /** Working days after `from` (0: the same day, "незамедлительно"). */
  workingDays: number;
  /** Why the step is missing where it does not apply: the refusal's message. */
  appliesWhen: string;
}

export type StepMark = { doneOn: string; documentRef: string };

function track<C>(defs: readonly StepDef<C>[], c: C, done: Record<string, StepMark | undefined>, today: string): AgencyTrackItem[] {
  const items: AgencyTrackItem[] = [];
  for (const d of defs) {
    const from = d.from(c);
    if (from === null) continue;
    // Never throws for a year the calendar lacks (dates are refused when recorded; this keeps reads alive).
    const dueOn = d.workingDays === 0 ? addCalendarDays(from, 0) : dueAfterWorkingDays(from, d.workingDays);
    const mark = done[d.step];
    const status: TrackStatus = mark ? 'DONE' : today > dueOn ? 'OVERDUE' : 'DUE';
    items.push({ step: d.step, caption: d.caption, dueOn, doneOn: mark?.doneOn ?? null, documentRef: mark?.documentRef ?? null, rule: d.rule, status });
  }
  return items;
}

/** What a step of a record needs to be marked: known, applicable, and the earliest date it can be done. */
export function stepCheck<C>(defs: readonly StepDef<C>[], step: string, c: C): { known: false; steps: string[] } | { known: true; from: string | null; appliesWhen: string } {
  const d = defs.find((x) => x.step === step);
  if (!d) return { known: false, steps: defs.map((x) => x.step) };
  return { known: true, from: d.from(c), appliesWhen: d.appliesWhen };
}

// ---- Police: Mari El 7.2 ----

/** How the police came to act: information from another body (7.2 1)-2)) or a neglected child found in their own checks (7.2 3)). */
export type PoliceEmergencyOrigin = 'INFORMATION_RECEIVED' | 'NEGLECTED_CHILD_FOUND';

export interface PoliceTrackFacts {
  receivedOn: string;
  origin: string;
  /** The day a found child was delivered to an institution or medical organisation (7.2 3) в)); null when handed to the family. */
  deliveredOn: string | null;
}

export const POLICE_TRACK_STEPS: readonly StepDef<PoliceTrackFacts>[] = [
  {
    step: 'GUARDIANSHIP_INFORMED',
    caption: 'Информирование органа опеки и попечительства (незамедлительно)',
    rule: 'Марий Эл, п. 7.2 1)',
    from: (c) => c.receivedOn,
    workingDays: 0,
    appliesWhen: 'всегда',
  },
  {
    step: 'KDN_REPORT',
    caption: 'Направление в КДНиЗП сведений о принятых мерах (3 рабочих дня)',
    rule: 'Марий Эл, п. 7.2 2)',
    from: (c) => c.receivedOn,
    workingDays: 3,
    appliesWhen: 'всегда',
  },
  {
    step: 'SOCIAL_INFORMED',
    caption: 'Информирование органа социальной защиты о доставлении ребенка (незамедлительно)',
    rule: 'Марий Эл, п. 7.2 3) г)',
    from: (c) => c.deliveredOn,
    workingDays: 0,
    appliesWhen: 'Марий Эл, п. 7.2 3) г): только при доставлении безнадзорного ребенка в организацию для детей-сирот или медицинскую организацию',
  },
  {
    step: 'KDN_DELIVERY_REPORT',
    caption: 'Направление в КДНиЗП сведений о доставлении и принятых мерах (3 рабочих дня)',
    rule: 'Марий Эл, п. 7.2 3) д)',
    from: (c) => c.deliveredOn,
    workingDays: 3,
    appliesWhen: 'Марий Эл, п. 7.2 3) д): только при доставлении безнадзорного ребенка в организацию для детей-сирот или медицинскую организацию',
  },
];

export function policeTrack(c: PoliceTrackFacts, done: Record<string, StepMark | undefined>, today = new Date().toISOString().slice(0, 10)): AgencyTrackItem[] {
  return track(POLICE_TRACK_STEPS, c, done, today);
}

// ---- Social protection: Mari El 7.3 ----

export interface SocialTrackFacts {
  receivedOn: string;
  /** The day the child was handed to the parents or other carers (7.2 3) е), 7.3); null while not handed over. */
  handedOverOn: string | null;
}

/**
 * 7.3 sets one term: the information to the KDN within 3 working days, about the child handed to
 * the parents or other carers; the survey comes before it, so it is shown with the same term from
 * the day social protection was informed (7.1 3) б), 7.2 3) г)).
 */
export const SOCIAL_TRACK_STEPS: readonly StepDef<SocialTrackFacts>[] = [
  {
    step: 'LIVING_CONDITIONS_SURVEY',
    caption: 'Обследование условий жизни ребенка и его семьи',
    rule: 'Марий Эл, п. 7.3',
    from: (c) => c.receivedOn,
    workingDays: 3,
    appliesWhen: 'всегда',
  },
  {
    step: 'KDN_HANDOVER_REPORT',
    caption: 'Информация в КДНиЗП о передаче ребенка родителям или иным лицам (3 рабочих дня)',
    rule: 'Марий Эл, п. 7.3',
    from: (c) => c.handedOverOn,
    workingDays: 3,
    appliesWhen: 'Марий Эл, п. 7.3: только после передачи ребенка родителям или иным лицам, на попечении которых он находился',
  },
];

export function socialTrack(c: SocialTrackFacts, done: Record<string, StepMark | undefined>, today = new Date().toISOString().slice(0, 10)): AgencyTrackItem[] {
  return track(SOCIAL_TRACK_STEPS, c, done, today);
}
