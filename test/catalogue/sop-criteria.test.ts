import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../../scripts/repo-root';
import { SOP_CRITERIA, sopCriteriaFor, sopReasonText, unknownSopCriteria } from '../../schema/catalogue/sop-criteria';

// The regulations sit next to the repository (../shared/seeds/), here and in CI.
const SEED_DIR = path.join(repoRoot(__dirname), '..', 'shared', 'seeds');

/** A numbered section starts a line: «3.2.», «2.1.» (not a date such as 02.10.2015). */
const SECTION = /^[#\s*-]*(\d{1,2}(?:\.\d{1,2})+)\.?\s/;
const MARK = '\u0001';
const collapse = (s: string): string =>
  s
    .replace(/\u00AD/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const seeds = new Map<string, string>();
function seedText(file: string): string {
  if (!seeds.has(file)) {
    const lines = fs.readFileSync(path.join(SEED_DIR, file), 'utf8').split('\n');
    seeds.set(file, collapse(lines.map((line) => (SECTION.exec(line) ? `${MARK}${SECTION.exec(line)![1]}${MARK} ${line}` : line)).join('\n')));
  }
  return seeds.get(file)!;
}
const plain = (file: string) =>
  seedText(file)
    .split(MARK)
    .filter((_, i) => i % 2 === 0)
    .join('');

function sectionAt(text: string, index: number): string | null {
  const before = text.slice(0, index);
  const end = before.lastIndexOf(MARK);
  if (end < 0) return null;
  return before.slice(before.lastIndexOf(MARK, end - 1) + 1, end);
}

describe('the SOP criteria catalogue and its wording in the seeds', () => {
  it.each(SOP_CRITERIA.map((c) => [c.code, c] as const))(
    'when the criterion %s is looked up, then its caption is the seed’s wording and every quote is in the seed, in the cited numbered section',
    (_code, criterion) => {
      const own = plain(criterion.citations[0].seed);
      expect({ caption: criterion.caption, found: own.toLowerCase().includes(collapse(criterion.caption).toLowerCase()) }).toEqual({ caption: criterion.caption, found: true });
      for (const citation of criterion.citations) {
        const text = seedText(citation.seed);
        const quote = collapse(citation.quote);
        // Numbered sections are checked where the quote sits; appendices by their text alone (their rows are not numbered lines).
        const at = text.indexOf(quote);
        const found = at >= 0 || plain(citation.seed).includes(quote);
        expect({ quote, found }).toEqual({ quote, found: true });
        if (/^\d+(\.\d+)+$/.test(citation.section)) {
          const index = at >= 0 ? at : text.indexOf(`${MARK}${citation.section}${MARK}`);
          expect(sectionAt(text, index + (at >= 0 ? 0 : citation.section.length + 3))).toBe(citation.section);
        }
      }
    },
  );

  it('when the catalogue is read, then codes are unique, English and stable in form, and the Mari El and Myasnikovsky lists are complete', () => {
    const codes = SOP_CRITERIA.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
    // Mari El 3.2 has five criteria, appendix 2 section 6 eight, appendix 3 section 8 eight; Myasnikovsky section 2 five.
    expect(SOP_CRITERIA.filter((c) => c.citations.some((q) => q.section === '3.2'))).toHaveLength(5);
    expect(SOP_CRITERIA.filter((c) => c.citations.some((q) => q.section === 'Приложение № 2, раздел 6'))).toHaveLength(8);
    expect(SOP_CRITERIA.filter((c) => c.region === '60')).toHaveLength(5);
  });

  it('when a territory is asked for its criteria, then Mari El and Rostov get their own lists and other regions the whole catalogue', () => {
    expect(sopCriteriaFor('88701000').every((c) => c.region === '88')).toBe(true);
    expect(sopCriteriaFor('60633000').map((c) => c.code)).toEqual([
      'PARENTAL_DUTIES_UNFULFILLED',
      'NO_SCHOOLING_CONTROL',
      'FAMILY_MEMBERS_CRUELTY',
      'CHILDREN_INVOLVED_IN_UNLAWFUL_ACTS',
      'PARENTS_NEGATIVE_INFLUENCE',
    ]);
    expect(sopCriteriaFor('05701000')).toHaveLength(SOP_CRITERIA.length);
    expect(unknownSopCriteria(['CHILD_CRUELTY', 'NOPE', 'NOPE'])).toEqual(['NOPE']);
    expect(sopReasonText(['DOMESTIC_VIOLENCE', 'CHILD_CRUELTY'], 'со слов соседей')).toBe(
      'Семья, в которой выявлено жестокое обращение с детьми со стороны родителей (законных представителей); Насилие в семье; со слов соседей',
    );
  });
});
