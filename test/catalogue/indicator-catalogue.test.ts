import * as fs from 'fs';
import * as path from 'path';
import { INDICATOR_CODE_PATTERN, RISK_LEVELS, RISK_LEVEL_TAG, loadIndicatorCatalogue, parseIndicatorCatalogue, type RiskLevel } from '../../schema/catalogue/indicator.catalogue';
import { buildCatalogue } from '../../scripts/build-indicator-catalogue';

const REPO = path.join(__dirname, '..', '..');
// The source document travels with the catalogue, so a clean clone can rebuild and check it.
const SEED = path.join(REPO, 'schema', 'catalogue', 'source', 'krasnoyarsk-kdn-2025-appendix.txt');
const JSON_FILE = path.join(REPO, 'schema', 'catalogue', 'indicators.json');
const seedText = fs.readFileSync(SEED, 'utf8');

/** Whitespace collapsed, soft hyphens dropped, hyphens between letters (also across a line break) removed. */
const normalise = (s: string): string =>
  s
    .replace(/\u00AD/g, '')
    .replace(/\s+/g, ' ')
    .replace(/(\p{L})-\s?(\p{L})/gu, '$1$2')
    .trim();
const seedNorm = normalise(seedText);

/**
 * Counted by hand from the seed's three tables (criterion -> indicators per level);
 * a criterion missing from a level is absent from that level's table in the seed.
 */
const EXPECTED: Record<RiskLevel, Record<string, number>> = {
  POTENTIAL_RISK: {
    HEALTH: 2,
    EMOTIONAL: 2,
    ABUSE: 1,
    INTELLECTUAL: 4,
    EDUCATION: 2,
    SOCIAL_BEHAVIOUR: 1,
    OUT_OF_SCHOOL: 1,
    HOUSING: 3,
    MATERIAL: 3,
    FAMILY_STRUCTURE: 7,
    MEDICAL_SOCIAL: 4,
    FAMILY_INTERACTION: 8,
  },
  DIFFICULT_SITUATION: {
    HEALTH: 2,
    EMOTIONAL: 3,
    ABUSE: 3,
    INTELLECTUAL: 4,
    EDUCATION: 2,
    SOCIAL_BEHAVIOUR: 3,
    OUT_OF_SCHOOL: 3,
    HOUSING: 2,
    MATERIAL: 2,
    FAMILY_STRUCTURE: 2,
    MEDICAL_SOCIAL: 7,
    FAMILY_INTERACTION: 1,
  },
  SOCIALLY_DANGEROUS: {
    HEALTH: 1,
    EMOTIONAL: 1,
    ABUSE: 4,
    EDUCATION: 1,
    SOCIAL_BEHAVIOUR: 1,
    OUT_OF_SCHOOL: 1,
    HOUSING: 1,
    MATERIAL: 1,
    FAMILY_STRUCTURE: 2,
    MEDICAL_SOCIAL: 9,
    FAMILY_INTERACTION: 1,
    LIFE_THREAT: 7,
  },
};

describe('indicator catalogue (Krasnoyarsk appendix, 16-кдн of 19.02.2025)', () => {
  const catalogue = loadIndicatorCatalogue();

  it('loads once and carries source and version', () => {
    expect(loadIndicatorCatalogue()).toBe(catalogue);
    expect(catalogue.version).toBe('2025-02-19');
    expect(catalogue.source).toContain('19.02.2025');
    expect(catalogue.source).toContain('16-кдн');
  });

  it('has the thirteen criteria of the seed, titled as in the seed', () => {
    expect(catalogue.criteria.map((c) => c.code)).toEqual([
      'HEALTH',
      'EMOTIONAL',
      'ABUSE',
      'INTELLECTUAL',
      'EDUCATION',
      'SOCIAL_BEHAVIOUR',
      'OUT_OF_SCHOOL',
      'HOUSING',
      'MATERIAL',
      'FAMILY_STRUCTURE',
      'MEDICAL_SOCIAL',
      'FAMILY_INTERACTION',
      'LIFE_THREAT',
    ]);
    expect(catalogue.criteria.find((c) => c.code === 'HEALTH')?.title).toBe('Физическое развитие и здоровье ребенка');
    expect(catalogue.criteria.find((c) => c.code === 'LIFE_THREAT')?.title).toBe('Факторы, угрожающие жизни и здоровью ребенка');
    for (const c of catalogue.criteria) expect(seedNorm).toContain(normalise(c.title));
  });

  it.each(RISK_LEVELS)('level %s has indicators for exactly the criteria the seed gives, in the seed counts', (level) => {
    const counts: Record<string, number> = {};
    for (const i of catalogue.byLevel(level)) counts[i.criterion] = (counts[i.criterion] ?? 0) + 1;
    expect(counts).toEqual(EXPECTED[level]);
  });

  it('totals 38 / 34 / 30 indicators per level', () => {
    expect(RISK_LEVELS.map((l) => catalogue.byLevel(l).length)).toEqual([38, 34, 30]);
    expect(catalogue.all).toHaveLength(102);
  });

  it('codes are unique, follow <CRITERION>-<L1|L2|L3>-<NN> and are numbered 01.. in seed order', () => {
    const codes = catalogue.all.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    const seen = new Map<string, number>();
    for (const i of catalogue.all) {
      const m = INDICATOR_CODE_PATTERN.exec(i.code);
      expect(m).not.toBeNull();
      expect(m?.[1]).toBe(i.criterion);
      expect(m?.[2]).toBe(RISK_LEVEL_TAG[i.level]);
      const key = `${i.criterion}-${i.level}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      expect(m?.[3]).toBe(String(n).padStart(2, '0'));
      expect(i.criterionTitle).toBe(catalogue.criteria.find((c) => c.code === i.criterion)?.title);
    }
  });

  it('keeps the exact Russian wording of the seed (spot checks per level)', () => {
    const title = (code: string) => catalogue.byCode(code)?.title;
    // low
    expect(title('HEALTH-L1-02')).toBe('Повышенный уровень травматизма у детей, не связанный с подозрением на жестокое обращение');
    expect(title('FAMILY_INTERACTION-L1-04')).toBe('Сверхзанятость родителей (6-7 дней в неделю или более 10 часов в день), командировки');
    expect(title('ABUSE-L1-01')).toBe('Избегание ребенком разговоров об отношениях в семье. Нежелание возвращаться домой после д/с или школы / самовольные уходы');
    expect(title('FAMILY_STRUCTURE-L1-01')).toBe('Совместное проживание семьи со взрослыми родственниками (бабушки, дедушки, тети, дяди и др.)');
    // medium
    expect(title('INTELLECTUAL-L2-03')).toBe('Умственная отсталость');
    expect(title('EDUCATION-L2-01')).toBe('Неудовлетворительные оценки по итогам учебных периодов более 50 % и (или) пропуски без уважительных причин');
    expect(title('MEDICAL_SOCIAL-L2-03')).toBe('Родители ранее ограничивались в родительских правах либо лишались родительских прав');
    // high
    expect(title('EMOTIONAL-L3-01')).toBe('Суицидальные мысли и поступки, в том числе самоповреждения');
    expect(title('FAMILY_STRUCTURE-L3-02')).toBe('Проживание ребенка в возрасте до 16 лет без родственников');
    expect(title('LIFE_THREAT-L3-07')).toBe('Родитель не смог, не может или не сможет защитить ребенка от нанесения серьезного вреда его здоровью другими людьми, имеющими доступ к ребенку');
    expect(title('MEDICAL_SOCIAL-L3-09')).toBe('Помещение ребенка в специализированное учреждение для несовершеннолетних, нуждающихся в социальной реабилитации по акту оперативного дежурного');
  });

  it('every indicator title occurs in the seed text (whitespace and hyphenation normalised)', () => {
    const missing = catalogue.all.filter((i) => !seedNorm.includes(normalise(i.title))).map((i) => i.code);
    expect(missing).toEqual([]);
  });

  it('the JSON on disk is exactly what the build script produces from the seed, with no seed table line left over', () => {
    const built = buildCatalogue(seedText);
    expect(JSON.parse(fs.readFileSync(JSON_FILE, 'utf8'))).toEqual(built.catalogue);
    expect(built.uncoveredLines).toEqual([]);
  });

  it('describes the levels and their routing as the seed does', () => {
    expect(catalogue.levels.map((l) => [l.code, l.kdnResolution])).toEqual([
      ['POTENTIAL_RISK', false],
      ['DIFFICULT_SITUATION', true],
      ['SOCIALLY_DANGEROUS', true],
    ]);
    const [low, medium, high] = catalogue.levels;
    expect(low.title).toBe('Семья потенциального риска (низкий уровень семейного неблагополучия)');
    expect(medium.title).toContain('трудной жизненной ситуации');
    expect(high.title).toContain('социально опасном положении');
    expect(low.routing).toContain('поручает члену комиссии');
    expect(medium.routing).toContain('постановлением муниципальной КДНиЗП');
    expect(high.routing).toBe(medium.routing);
    for (const l of catalogue.levels) {
      expect(seedNorm).toContain(normalise(l.title));
      expect(seedNorm).toContain(normalise(l.definition));
    }
  });

  it('unknownCodes reports codes that are not in the catalogue, once each, in input order', () => {
    expect(catalogue.unknownCodes(['HEALTH-L1-01', 'LIFE_THREAT-L3-07'])).toEqual([]);
    expect(catalogue.unknownCodes(['HEALTH-L1-01', 'HEALTH-L1-99', 'LIFE_THREAT-L1-01', 'bogus', 'HEALTH-L1-99', 'INTELLECTUAL-L3-01'])).toEqual([
      'HEALTH-L1-99',
      'LIFE_THREAT-L1-01',
      'bogus',
      'INTELLECTUAL-L3-01',
    ]);
    expect(catalogue.byCode('HEALTH-L1-99')).toBeUndefined();
    expect(catalogue.byCode('HEALTH-L1-01')?.level).toBe('POTENTIAL_RISK');
  });

  describe('validation at load', () => {
    const good = () => JSON.parse(fs.readFileSync(JSON_FILE, 'utf8'));

    it('accepts the shipped file', () => {
      expect(() => parseIndicatorCatalogue(good())).not.toThrow();
    });

    it('rejects duplicate codes', () => {
      const raw = good();
      raw.indicators.push({ ...raw.indicators[0] });
      expect(() => parseIndicatorCatalogue(raw)).toThrow(/HEALTH-L1-01: duplicate code/);
    });

    it('rejects an unknown criterion', () => {
      const raw = good();
      raw.indicators[0] = { ...raw.indicators[0], criterion: 'WEATHER' };
      expect(() => parseIndicatorCatalogue(raw)).toThrow(/unknown criterion "WEATHER"/);
    });

    it('rejects an unknown level and a code that disagrees with its level', () => {
      const raw = good();
      raw.indicators[0] = { ...raw.indicators[0], level: 'EXTREME' };
      raw.indicators[1] = { ...raw.indicators[1], level: 'SOCIALLY_DANGEROUS' };
      expect(() => parseIndicatorCatalogue(raw)).toThrow(/unknown level "EXTREME"[\s\S]*does not agree/);
    });
  });
});
