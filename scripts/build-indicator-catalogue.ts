/**
 * Builds schema/catalogue/indicators.json from the Krasnoyarsk seed text
 * (Приложение к Алгоритму ... «Факторы риска семейного неблагополучия»,
 * Приложение 2 к постановлению КДНиЗП Красноярского края от 19.02.2025 № 16-кдн).
 *
 * Usage (from the compiled output):
 *   node build-indicator-catalogue.js [seed.txt] [out.json] [--check]
 * Defaults: seed = <repo>/schema/catalogue/source/krasnoyarsk-kdn-2025-appendix.txt (a copy of shared seed 001),
 *           out  = <repo>/schema/catalogue/indicators.json.
 * With --check nothing is written; the exit code is 1 when the file on disk
 * differs from what the seed produces.
 *
 * What is encoded here (structure knowledge): the three level headings, the
 * criterion headings (as word sequences, matched in the seed, the title written
 * to the JSON is the seed's own text), the English codes. Everything else —
 * indicator wording, order, level definitions and routing sentences — is read
 * from the seed.
 *
 * The appendix is a three-column table (№ | Критерии | Показатели) flattened
 * into lines, with blank lines between every line. Indicator splitting rules
 * inside one criterion cell:
 *   - "<n> <Uppercase…>" starts a new indicator (the seed's row number);
 *     "<n> <lowercase…>" (e.g. "10 часов в день)") is a continuation;
 *   - a line holding only a number means "the next text line starts a row";
 *   - the first text line after a criterion heading starts an indicator;
 *   - an unnumbered line starting with an uppercase letter, when the previous
 *     line does not end a sentence ('.'), starts a new indicator (the seed has
 *     a few table cells holding two separate indicators without a number);
 *   - anything else continues the current indicator.
 */
import * as fs from 'fs';
import * as path from 'path';

type RiskLevel = 'POTENTIAL_RISK' | 'DIFFICULT_SITUATION' | 'SOCIALLY_DANGEROUS';

interface LevelSpec {
  code: RiskLevel;
  tag: 'L1' | 'L2' | 'L3';
  rank: 1 | 2 | 3;
  /** beginning of the level heading paragraph in the appendix */
  headingStart: string;
  /** beginning of the routing sentence(s) in section III of the algorithm */
  routingStarts: string[];
  kdnResolution: boolean;
}

const LEVEL_SPECS: LevelSpec[] = [
  {
    code: 'POTENTIAL_RISK',
    tag: 'L1',
    rank: 1,
    headingStart: 'Семья потенциального риска (низкий уровень',
    routingStarts: ['При установлении низкого уровня риска семейного неблагополучия председатель', 'Член комиссии, которому поручено оказать помощь семье'],
    kdnResolution: false,
  },
  {
    code: 'DIFFICULT_SITUATION',
    tag: 'L2',
    rank: 2,
    headingStart: 'Семья, находящаяся в трудной жизненной ситуации (средний уровень',
    routingStarts: ['При установлении среднего и высокого уровней семейного неблагополучия постановлением'],
    kdnResolution: true,
  },
  {
    code: 'SOCIALLY_DANGEROUS',
    tag: 'L3',
    rank: 3,
    headingStart: 'Семья, находящаяся в социально опасном положении (высокий уровень',
    routingStarts: ['При установлении среднего и высокого уровней семейного неблагополучия постановлением'],
    kdnResolution: true,
  },
];

/** Criterion headings in the seed's order; words as printed (including the seed's «нед» typo). */
const CRITERION_SPECS: { code: string; words: string }[] = [
  { code: 'HEALTH', words: 'Физическое развитие и здоровье ребенка' },
  { code: 'EMOTIONAL', words: 'Эмоциональное состояние ребенка' },
  { code: 'ABUSE', words: 'Признаки психологического, физического, сексуального насилия нед ребенком' },
  { code: 'INTELLECTUAL', words: 'Интеллектуальное развитие ребенка' },
  { code: 'EDUCATION', words: 'Образовательная деятельность ребенка' },
  { code: 'SOCIAL_BEHAVIOUR', words: 'Социальное поведение ребенка' },
  { code: 'OUT_OF_SCHOOL', words: 'Внешкольное общение ребенка' },
  { code: 'HOUSING', words: 'Бытовые условия проживания семьи' },
  { code: 'MATERIAL', words: 'Материальное положение семьи' },
  { code: 'FAMILY_STRUCTURE', words: 'Структура семьи' },
  { code: 'MEDICAL_SOCIAL', words: 'Медико-социальное неблагополучие семьи' },
  { code: 'FAMILY_INTERACTION', words: 'Особенности семейного взаимодействия' },
  { code: 'LIFE_THREAT', words: 'Факторы, угрожающие жизни и здоровью ребенка' },
];

/** Oddities of the seed kept verbatim in the catalogue; each is reported only while it still holds. */
const SEED_OBSERVATIONS: {
  note: string;
  holds: (ind: BuiltIndicator[], crit: { code: string; title: string }[]) => boolean;
}[] = [
  {
    note: "ABUSE: the criterion title keeps the seed's typo «насилия нед ребенком» (for «над»).",
    holds: (_i, c) => c.some((x) => x.code === 'ABUSE' && x.title.includes(' нед ')),
  },
  {
    note: 'ABUSE-L2-01: «Отсутствие необходимых предметов для занятий (учебники, канцтовары)» stands in the abuse cell ' + 'of the medium-level table in the seed; kept where the seed puts it.',
    holds: (i) => i.some((x) => x.code === 'ABUSE-L2-01' && x.title.startsWith('Отсутствие необходимых предметов')),
  },
  {
    note: 'FAMILY_INTERACTION-L2: the seed gives a single indicator at the medium level (eight at the low level).',
    holds: (i) => i.filter((x) => x.criterion === 'FAMILY_INTERACTION' && x.level === 'DIFFICULT_SITUATION').length === 1,
  },
  {
    note: 'INTELLECTUAL has no indicators at the high level and LIFE_THREAT only at the high level, as in the seed.',
    holds: (i) => !i.some((x) => x.criterion === 'INTELLECTUAL' && x.level === 'SOCIALLY_DANGEROUS') && i.filter((x) => x.criterion === 'LIFE_THREAT').every((x) => x.level === 'SOCIALLY_DANGEROUS'),
  },
];

const APPENDIX_MARKER = 'Факторы риска семейного неблагополучия определяют уровень риска';
const TABLE_HEADER = /^№\s+Критерии\s+Показатели неблагополучия$/;
const SEED_DEFAULT = path.join('schema', 'catalogue', 'source', 'krasnoyarsk-kdn-2025-appendix.txt');
const OUT_DEFAULT = path.join('schema', 'catalogue', 'indicators.json');

export interface BuiltIndicator {
  code: string;
  criterion: string;
  level: RiskLevel;
  title: string;
}

export interface BuiltCatalogue {
  source: string;
  version: string;
  levels: {
    code: RiskLevel;
    rank: number;
    title: string;
    definition: string;
    kdnResolution: boolean;
    routing: string;
  }[];
  criteria: { code: string; title: string }[];
  indicators: BuiltIndicator[];
  notes: string[];
}

export interface BuildResult {
  catalogue: BuiltCatalogue;
  /** non-blank appendix table lines that ended up in no heading and no indicator */
  uncoveredLines: { line: number; text: string }[];
  /** indicators started by the "unnumbered uppercase line" rule: worth a human look */
  unnumberedStarts: { code: string; line: number; text: string }[];
}

const norm = (s: string): string =>
  s
    .replace(/\u00AD/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const startsUpper = (s: string): boolean => /^[А-ЯЁA-Z]/.test(s);

function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** The sentence of `text` (already whitespace-normalised) that begins with `start`, up to the first '.' + space/end. */
function sentence(text: string, start: string): string {
  const i = text.indexOf(start);
  if (i < 0) throw new Error(`seed: sentence starting "${start}" not found`);
  const m = /\.(\s|$)/.exec(text.slice(i));
  if (!m) throw new Error(`seed: sentence starting "${start}" has no end`);
  return text.slice(i, i + m.index + 1);
}

export function buildCatalogue(seedText: string): BuildResult {
  const lines = seedText.replace(/\r\n?/g, '\n').split('\n');
  const whole = norm(lines.join(' '));

  for (const needle of ['19.02.2025', '16-кдн', 'Красноярского края']) {
    if (!whole.includes(needle)) throw new Error(`seed: "${needle}" not found; is this the Krasnoyarsk seed?`);
  }

  const appendixAt = lines.findIndex((l) => l.includes(APPENDIX_MARKER));
  if (appendixAt < 0) throw new Error('seed: appendix "Факторы риска семейного неблагополучия" not found');

  // Level heading line indexes, in order.
  const headingAt = LEVEL_SPECS.map((spec) => {
    const i = lines.findIndex((l, n) => n > appendixAt && l.trim().startsWith(spec.headingStart));
    if (i < 0) throw new Error(`seed: level heading "${spec.headingStart}" not found`);
    return i;
  });
  for (let k = 1; k < headingAt.length; k++) {
    if (headingAt[k] <= headingAt[k - 1]) throw new Error('seed: level headings are out of order');
  }

  const criteriaTitles = new Map<string, string>();
  const indicators: BuiltIndicator[] = [];
  const levels: BuiltCatalogue['levels'] = [];
  const covered = new Set<number>();
  const unnumberedStarts: BuildResult['unnumberedStarts'] = [];
  const tableRanges: [number, number][] = [];
  const rowNotes: string[] = [];

  LEVEL_SPECS.forEach((spec, k) => {
    const start = headingAt[k];
    const end = k + 1 < headingAt.length ? headingAt[k + 1] : lines.length;
    const headerAt = lines.findIndex((l, n) => n > start && n < end && TABLE_HEADER.test(l.trim()));
    if (headerAt < 0) throw new Error(`seed: table header missing for ${spec.code}`);
    for (let n = start; n <= headerAt; n++) covered.add(n);
    tableRanges.push([headerAt + 1, end]);

    // Level title and definition: the paragraph before the table, split at the first " – ".
    const para = norm(lines.slice(start, headerAt).join(' '));
    const dash = para.indexOf(' – ');
    if (dash < 0) throw new Error(`seed: no definition dash in level heading for ${spec.code}`);
    levels.push({
      code: spec.code,
      rank: spec.rank,
      title: para.slice(0, dash),
      definition: para.slice(dash + 3),
      kdnResolution: spec.kdnResolution,
      routing: spec.routingStarts.map((s) => sentence(whole, s)).join(' '),
    });

    // Table text with a line index per character so matches map back to seed lines.
    const tableLines = lines.slice(headerAt + 1, end);
    let table = '';
    const lineOfChar: number[] = [];
    tableLines.forEach((l, j) => {
      table += l + '\n';
      for (let c = 0; c <= l.length; c++) lineOfChar.push(headerAt + 1 + j);
    });

    // Find every criterion heading (optionally preceded by a row number on the same line).
    type Hit = { code: string; at: number; endAt: number; title: string };
    const hits: Hit[] = [];
    for (const c of CRITERION_SPECS) {
      const words = c.words.split(' ').map(escapeRe).join('\\s+');
      const re = new RegExp(`(^|\\n)[ \\t]*(?:\\d+[ \\t]+)?(${words})(?=\\s|$)`, 'g');
      for (let m = re.exec(table); m; m = re.exec(table)) {
        const at = m.index + m[1].length;
        hits.push({ code: c.code, at, endAt: m.index + m[0].length, title: norm(m[2]) });
      }
    }
    hits.sort((a, b) => a.at - b.at);
    const order = hits.map((h) => CRITERION_SPECS.findIndex((c) => c.code === h.code));
    for (let i = 1; i < order.length; i++) {
      if (order[i] <= order[i - 1]) {
        throw new Error(`seed: criterion headings out of order or repeated in ${spec.code}: ${hits.map((h) => h.code).join(', ')}`);
      }
    }
    if (hits.length === 0) throw new Error(`seed: no criteria found for ${spec.code}`);
    if (table.slice(0, hits[0].at).trim() !== '') {
      throw new Error(`seed: text before the first criterion in ${spec.code}: ${norm(table.slice(0, hits[0].at))}`);
    }

    let carried: number | null = null;
    hits.forEach((hit, h) => {
      const cellCarried = carried;
      carried = null;
      const known = criteriaTitles.get(hit.code);
      if (known !== undefined && known !== hit.title) {
        throw new Error(`seed: criterion ${hit.code} is titled differently across levels: "${known}" / "${hit.title}"`);
      }
      criteriaTitles.set(hit.code, hit.title);
      for (let c = hit.at; c < hit.endAt; c++) covered.add(lineOfChar[c]);

      // The cell: from the end of the heading to the next heading (or table end), line by line.
      const cellEnd = h + 1 < hits.length ? hits[h + 1].at : table.length;
      const cell: { line: number; text: string }[] = [];
      let pos = hit.endAt;
      while (pos < cellEnd) {
        let nl = table.indexOf('\n', pos);
        if (nl < 0 || nl > cellEnd) nl = cellEnd;
        const text = table.slice(pos, nl).trim();
        if (text !== '') cell.push({ line: lineOfChar[pos], text });
        pos = nl + 1;
      }

      const items: { parts: string[]; line: number; numbered: boolean }[] = [];
      const rowNumbers: number[] = [];
      let pendingNew = false;
      for (const { line, text } of cell) {
        const lone = /^\d+$/.exec(text);
        if (lone) {
          rowNumbers.push(Number(text));
          pendingNew = true;
          covered.add(line);
          continue;
        }
        const numbered = /^(\d+)\s+(\S.*)$/.exec(text);
        const current = items[items.length - 1];
        const prevText = current ? current.parts[current.parts.length - 1] : '';
        if (numbered && startsUpper(numbered[2])) {
          rowNumbers.push(Number(numbered[1]));
          items.push({ parts: [numbered[2]], line, numbered: true });
        } else if (!current || pendingNew) {
          items.push({ parts: [text], line, numbered: pendingNew });
        } else if (startsUpper(text) && !/\.$/.test(prevText)) {
          items.push({ parts: [text], line, numbered: false });
        } else {
          current.parts.push(text);
        }
        pendingNew = false;
        covered.add(line);
      }

      items.forEach((item, i) => {
        const code = `${hit.code}-${spec.tag}-${String(i + 1).padStart(2, '0')}`;
        indicators.push({ code, criterion: hit.code, level: spec.code, title: norm(item.parts.join(' ')) });
        if (!item.numbered && i > 0) unnumberedStarts.push({ code, line: item.line + 1, text: item.parts[0] });
      });
      if (items.length === 0) throw new Error(`seed: criterion ${hit.code} has no indicators in ${spec.code}`);
      // The heading line's own number belongs to the first row; report gaps in the seed's row numbering.
      // A lone number closing the cell (e.g. "1" on its own line above the next heading) is that next row's number.
      if (pendingNew) carried = rowNumbers.pop() ?? null;
      const headNumber = /^[ \t]*(\d+)[ \t]/.exec(table.slice(hit.at, hit.endAt));
      const first = headNumber ? Number(headNumber[1]) : cellCarried;
      const numbers = first !== null ? [first, ...rowNumbers] : rowNumbers;
      if (numbers.length > 0 && numbers[0] !== 1) {
        rowNotes.push(`${hit.code}-${spec.tag}: the seed's row numbering here starts at ${numbers[0]}, continuing the previous criterion`);
      }
      if (numbers.some((n, i) => i > 0 && n !== numbers[i - 1] + 1)) {
        rowNotes.push(`${hit.code}-${spec.tag}: the seed's row numbers in this cell are not consecutive (${numbers.join(', ')})`);
      }
    });
  });

  const uncoveredLines: BuildResult['uncoveredLines'] = [];
  for (const [from, to] of tableRanges) {
    for (let n = from; n < to; n++) {
      if (lines[n].trim() !== '' && !covered.has(n)) uncoveredLines.push({ line: n + 1, text: lines[n].trim() });
    }
  }

  const criteria = CRITERION_SPECS.filter((c) => criteriaTitles.has(c.code)).map((c) => ({
    code: c.code,
    title: criteriaTitles.get(c.code) as string,
  }));

  const notes = [
    ...unnumberedStarts.map((u) => `${u.code}: unnumbered line in the seed table (seed line ${u.line}) taken as a separate indicator: "${u.text}"`),
    ...rowNotes,
    ...SEED_OBSERVATIONS.filter((o) => o.holds(indicators, criteria)).map((o) => o.note),
  ];

  return {
    catalogue: {
      source:
        'Приложение «Факторы риска семейного неблагополучия» к Алгоритму межведомственного взаимодействия органов и ' +
        'учреждений системы профилактики безнадзорности и правонарушений несовершеннолетних Красноярского края по ' +
        'раннему выявлению и предотвращению семейного неблагополучия, ведущего к социальному сиротству детей ' +
        '(Приложение 2 к постановлению комиссии по делам несовершеннолетних и защите их прав Красноярского края ' +
        'от 19.02.2025 № 16-кдн); seed 001_cb638ec9aca3dde2.txt',
      version: '2025-02-19',
      levels,
      criteria,
      indicators,
      notes,
    },
    uncoveredLines,
    unnumberedStarts,
  };
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const args = argv.filter((a) => a !== '--check');
  const root = repoRoot();
  const seedPath = path.resolve(root, args[0] ?? SEED_DEFAULT);
  const outPath = path.resolve(root, args[1] ?? OUT_DEFAULT);

  const result = buildCatalogue(fs.readFileSync(seedPath, 'utf8'));
  const json = JSON.stringify(result.catalogue, null, 2) + '\n';

  const { catalogue } = result;
  for (const level of catalogue.levels) {
    const ofLevel = catalogue.indicators.filter((i) => i.level === level.code);
    const perCriterion = catalogue.criteria.map((c) => `${c.code}=${ofLevel.filter((i) => i.criterion === c.code).length}`).join(' ');
    console.log(`${level.code}: ${ofLevel.length} indicators (${perCriterion})`);
  }
  console.log(`${catalogue.criteria.length} criteria, ${catalogue.indicators.length} indicators`);
  for (const u of result.unnumberedStarts) console.log(`note: ${u.code} starts at unnumbered seed line ${u.line}: ${u.text}`);
  for (const u of result.uncoveredLines) console.log(`uncovered seed line ${u.line}: ${u.text}`);

  if (check) {
    const onDisk = fs.existsSync(outPath) ? fs.readFileSync(outPath, 'utf8') : '';
    if (onDisk !== json) {
      console.error(`${outPath} differs from what ${seedPath} produces`);
      return 1;
    }
    console.log(`${outPath} is up to date`);
    return result.uncoveredLines.length === 0 ? 0 : 1;
  }
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  fs.writeFileSync(outPath, json, 'utf8');
  console.log(`wrote ${outPath}`);
  return result.uncoveredLines.length === 0 ? 0 : 1;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
