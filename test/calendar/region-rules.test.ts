import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../../scripts/repo-root';
import { deadlinesFor } from '../../schema/calendar/regional-deadlines';
import { REGION_RULES, regionRule, SEEDS } from '../../schema/calendar/region-rules';
import { FOLLOW_UP_TERMS } from '../../subgraphs/bank/cases/workflow/case-records';

// The regulations sit next to the repository (../shared/seeds/), here and in CI.
const SEED_DIR = path.join(repoRoot(__dirname), '..', 'shared', 'seeds');

/** A section starts a line: «5.2.», «### 5.3.», «7.1.», «# VI.», «# Приложение 4 к Порядку». */
// Parts of one or two digits: a date opening a line («02.10.2015 №516-п).») is not a section.
const SECTION = /^[#\s*]*(\d{1,2}(?:\.\d{1,2})+)\.?\s|^[#\s*]*([IVX]+)\.\s|^[#\s*]*(Приложение\s*№?\s*\d+)/;
const MARK = '\u0001';

/** Whitespace collapsed, soft hyphens dropped; each section start becomes a marker naming it. */
function sectioned(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const m = SECTION.exec(line);
      const name = m ? (m[1] ?? m[2] ?? m[3].replace(/\s*№?\s*(\d+)$/, ' $1')) : null;
      return name ? `${MARK}${name}${MARK} ${line}` : line;
    })
    .join('\n')
    .replace(/\u00AD/g, '')
    .replace(/\s+/g, ' ');
}
const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

const seeds = new Map<string, string>();
const seedText = (file: string): string => {
  if (!seeds.has(file)) seeds.set(file, sectioned(fs.readFileSync(path.join(SEED_DIR, file), 'utf8')));
  return seeds.get(file)!;
};

/** The section the text at `index` belongs to: the last marker before it. */
function sectionAt(text: string, index: number): string | null {
  const before = text.slice(0, index);
  const end = before.lastIndexOf(MARK);
  if (end < 0) return null;
  const start = before.lastIndexOf(MARK, end - 1);
  return before.slice(start + 1, end);
}

describe('the region rules and their citations in the seeds', () => {
  it('when the seeds are read, then every seed a rule cites is there', () => {
    for (const seed of Object.values(SEEDS)) expect(fs.existsSync(path.join(SEED_DIR, seed.file))).toBe(true);
  });

  it.each(REGION_RULES.map((r) => [`${r.region} ${r.key}`, r] as const))(
    'when the rule %s is looked up in its seed, then the quoted phrase is there, in the cited section and sub-item',
    (_name, rule) => {
      const text = seedText(rule.citation.seed);
      const quote = collapse(rule.citation.quote);
      const at = text.indexOf(quote);
      expect({ quote, found: at >= 0 }).toEqual({ quote, found: true });
      expect(sectionAt(text, at)).toBe(rule.citation.section);
      if (rule.citation.item) {
        // The sub-item's label opens the paragraph the phrase is in (within its first lines).
        const paragraph = text.slice(Math.max(0, at - 400), at);
        expect(paragraph).toContain(`${rule.citation.item} `);
      }
    },
  );

  it('when a term is stated in the quote as a number, then the rule carries the same number', () => {
    const words: Record<string, number> = { трех: 3, '3-х': 3, '5-ти': 5, '10 -ти': 10 };
    for (const rule of REGION_RULES) {
      const days = rule.term.kind === 'WORKING_DAYS' || rule.term.kind === 'CALENDAR_DAYS' ? rule.term.days : rule.term.kind === 'DAY_OF_NEXT_MONTH' ? rule.term.day : null;
      if (days === null || days === 0) continue;
      const stated = /(\d+ -ти|\d+-(?:ти|х)|\d+|трех)\s+(?:рабочих|календарных|дней|числа)/.exec(rule.citation.quote);
      if (!stated) continue; // the number is in the surrounding text (noted on the rule)
      expect([rule.key, words[stated[1]] ?? Number(stated[1])]).toEqual([rule.key, days]);
    }
  });

  it('when a rule is working days, calendar days or a fixed date, then the quote says which', () => {
    for (const rule of REGION_RULES) {
      // A rule whose term the quoted sentence does not state itself says so in its note.
      if (rule.term.kind === 'WORKING_DAYS' && rule.term.days > 0 && !rule.note) expect([rule.key, rule.citation.quote]).toEqual([rule.key, expect.stringMatching(/рабочих дн/)]);
      if (rule.term.kind === 'CALENDAR_DAYS' && rule.key !== 'EMERGENCY_COURT_CLAIM') expect(rule.citation.quote).toMatch(/календарных дн/);
      if (rule.term.kind === 'IMMEDIATELY') expect(rule.citation.quote).toMatch(/незамедлительно/);
    }
  });

  it('when the regional deadlines are asked for, then they are the cited rules: check 3 working days in Primorsky (5.2), 5 in Mari El (4.6); conclusion 3 after the check in Primorsky (5.3), within the check in Mari El (4.6)', () => {
    expect(deadlinesFor('05701000')).toMatchObject({ signalCheckWorkingDays: 3, conclusionWorkingDays: 3, source: '003_ccd373b1f7b18516.txt, п. 5.2; 003_ccd373b1f7b18516.txt, п. 5.3' });
    expect(deadlinesFor('88701000')).toMatchObject({ signalCheckWorkingDays: 5, conclusionWorkingDays: 0, source: '004_166694640244a117.txt, п. 4.6; 004_166694640244a117.txt, п. 4.6' });
    expect(deadlinesFor('04701000')).toMatchObject({ signalCheckWorkingDays: 3, region: 'по умолчанию (как в Приморском крае)' });
  });

  it('when the follow-up terms the hub applies are compared with the Myasnikovsky rules, then the quarterly dates and the patronage day agree', () => {
    const quarterly = regionRule('60', 'QUARTERLY_REPORT')!.term;
    const patronage = regionRule('60', 'PATRONAGE_SHEET')!.term;
    expect(quarterly).toEqual({ kind: 'FIXED_DATES', dates: FOLLOW_UP_TERMS.quarterlyReportDeadlines.map(([m, d]) => [m, d]) });
    expect(patronage).toEqual({ kind: 'DAY_OF_NEXT_MONTH', day: FOLLOW_UP_TERMS.patronageSheetDay });
  });

  it('when the rules are listed, then no region has the same rule twice', () => {
    const keys = REGION_RULES.map((r) => `${r.region}:${r.key}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
