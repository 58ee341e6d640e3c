import { SOP_CRITERIA } from '../../../../schema/catalogue/sop-criteria';
import { DocumentSpec, printedDate } from '../../../common/export';
import { KdnCaseEntity } from '../../cases/entities/kdn-case.entity';
import { addressOf, categoriesText, DocumentFamily, DocumentPerson, KINSHIP, organisationName, parentsOf, personLine } from './document-data.service';
import { FORM_CAPTIONS, formFor } from './document-forms';

const MARK = (on: boolean) => (on ? '☒' : '☐');

/** Captions the forms print, in the seeds' wording (test/e2e/documents.test.ts finds each in its seed). */
export const PRIMORSKY_CONCLUSION_CAPTIONS = {
  form: FORM_CAPTIONS.primorsky(2),
  approve: 'УТВЕРЖДАЮ',
  chair: 'Председатель комиссии по делам несовершеннолетних и защите их прав муниципального образования',
  title: 'ЗАКЛЮЧЕНИЕ',
  team: 'Комиссия, в составе специалистов',
  family: 'Состав семьи:',
  father: 'Отец (Ф.И.О. полностью, телефон)',
  members: '(Ф.И.О., степень родства)',
  category: 'Категория семьи',
  confirmation: 'Отметка о подтверждении (краткое описание)',
  need: '2. Нуждаемость семьи и ребенка',
  therefore: 'Из вышеизложенного следует вывод о том, что',
  violation: '- имело / не имело место нарушение прав ребенка (случая);',
  specialists: 'Заключение специалистов:',
  favourable: '- в семье благоприятная обстановка.',
  earlyStage: 'семья находится на ранней стадии семейного неблагополучия и нуждается в помощи специалистов субъектов профилактики и (или) организации социального обслуживания',
  sop: 'рекомендуем внести семью в банк данных семьях и несовершеннолетних, находящихся в социально опасном положении.',
  members2: 'Члены комиссии:',
} as const;

export const MARI_EL_CONCLUSION_CAPTIONS = {
  form: FORM_CAPTIONS.mariEl(2),
  title: 'Заключение',
  subtitle: 'об установлении обстоятельств, подтверждающих отнесение несовершеннолетнего и (или) семьи к категории, находящихся в социально опасном положении',
  general: '1. Общие сведения',
  child: 'Ф.И.О. несовершеннолетнего',
  parents: 'Ф.И.О. родителей (законных представителей)',
  composition: '2. Состав семьи',
  kinship: 'Степень родства',
  name: 'Ф.И.О. (полностью)',
  birthDate: 'Дата рождения',
  occupation: 'Занятость (место работы, образовательная организация)',
  housing: '3. Характеристика жилищно-бытовых условий семьи несовершеннолетнего',
  registered: 'Адрес по прописке',
  actual: 'Адрес фактический',
  income: '4. Доход семьи (со слов):',
  incomeKind: 'Вид дохода',
  perCapita: 'Среднедушевой доход',
  support: '5. Меры социальной поддержки, которыми пользуется семья',
  familySop: '6.Наличие социально опасного положения семьи',
  criterion: 'Критерий',
  minorSop: '7. Наличие социально опасного положения несовершеннолетнего (нужное подчеркнуть)',
  signs: 'Признаки нахождения несовершеннолетнего в социально опасном положении оцениваются',
  presence: 'Наличие',
  conclusion: 'Заключение',
  head: 'Ф.И.О. руководителя органа или учреждения системы профилактики',
} as const;

/** The signs of cruelty in Primorsky appendix 2, p. 1, as the seed names them. */
const ABUSE_KINDS = ['Физическое насилие', 'Сексуальное насилие', 'Эмоциональное насилие', 'Пренебрежение нуждами'];

/** The four danger levels of Mari El appendix 2 p. 7, as the seed prints them. */
const DANGER_LEVELS: ReadonlyArray<readonly [string, string]> = [
  ['LOW', 'Низкий уровень опасности'],
  ['MEDIUM', 'Средний уровень опасности.'],
  ['HIGH', 'Высокий уровень риск'],
  ['CRITICAL', 'Критический уровень'],
];

const FORM_SOP_CRITERIA = SOP_CRITERIA.filter((c) => c.region === '88' && c.citations.some((cite) => cite.section === 'Приложение № 2, раздел 6'));

export interface ConclusionDocumentInput {
  kase: KdnCaseEntity;
  child: DocumentPerson;
  family: DocumentFamily;
}

interface StoredConclusion {
  kind: string;
  dangerLevel: string;
  violationFound: boolean;
  childSafeNow: boolean;
  notes: string;
  sopCriteria?: string[] | null;
  organisationId?: string | null;
  agency?: string | null;
}

/** The conclusion on the check, on the form of the case's region (document-forms.ts). */
export function conclusionDocument({ kase, child, family }: ConclusionDocumentInput): { fileName: string; spec: DocumentSpec } {
  const conclusion = kase.conclusion as unknown as StoredConclusion;
  const form = formFor('CONCLUSION', kase.municipality);
  const team = [...new Set([...(kase.checkOrganisations ?? []), ...(conclusion.organisationId ? [conclusion.organisationId] : [])])].map(organisationName);
  const spec = form.variant === 'MARI_EL_APPENDIX_2' ? mariEl(conclusion, child, family, team) : primorsky(kase, conclusion, child, family, team);
  return { fileName: `Заключение_${kase.number}`, spec };
}

function primorsky(kase: KdnCaseEntity, c: StoredConclusion, child: DocumentPerson, family: DocumentFamily, team: string[]): DocumentSpec {
  const C = PRIMORSKY_CONCLUSION_CAPTIONS;
  const father = parentsOf(family).find((p) => p.role === 'FATHER');
  const others = family.members.filter((m) => m.role !== 'FATHER');
  return {
    form: C.form,
    header: [C.approve, C.chair, '_______________', '«___» __________ 20__ г.'],
    title: C.title,
    subtitle: 'по результатам проверки информации о признаках нарушения прав и законных интересов детей (сигнала)',
    blocks: [
      {
        kind: 'fields',
        rows: [
          [C.team, team.join('; ')],
          ['Сигнал (дата поступления, номер в журнале)', `${printedDate(kase.receivedOn)}, № ${kase.number}`],
          ['Ребёнок', personLine(child)],
          ['Адрес', addressOf(family)],
        ],
      },
      { kind: 'heading', text: C.family },
      { kind: 'fields', rows: [[C.father, father ? personLine(father) : '']] },
      { kind: 'paragraph', text: C.members },
      { kind: 'table', headings: [], rows: others.map((m) => [personLine(m), KINSHIP[m.role] ?? m.role]) },
      { kind: 'fields', rows: [[C.category, categoriesText(family)]] },
      // The four kinds of cruelty are the form's rows; the hub records the findings as text, so the marks are left to the pen.
      { kind: 'table', headings: ['Критерии', C.confirmation], rows: [...ABUSE_KINDS.map((k) => [k, '']), ['Сведения, установленные при проверке', `${kase.summary}\n${c.notes}`]] },
      { kind: 'heading', text: C.need },
      { kind: 'paragraph', text: C.therefore },
      {
        kind: 'fields',
        rows: [
          [C.violation, c.violationFound ? 'имело место' : 'не имело места'],
          ['- ребенку безопасно / не безопасно в данный момент оставаться в семье', c.childSafeNow ? 'безопасно' : 'не безопасно'],
        ],
      },
      { kind: 'heading', text: C.specialists },
      { kind: 'paragraph', text: `${MARK(c.kind === 'FAVOURABLE')} ${C.favourable}` },
      { kind: 'paragraph', text: `${MARK(c.kind === 'EARLY_STAGE')} - ${C.earlyStage}` },
      { kind: 'paragraph', text: `${MARK(c.kind === 'SOCIALLY_DANGEROUS')} - ${C.sop}` },
      { kind: 'heading', text: C.members2 },
    ],
    signatures: team.map((name) => ({ caption: `(должность) ${name}`, name: null, date: null })),
  };
}

function mariEl(c: StoredConclusion, child: DocumentPerson, family: DocumentFamily, team: string[]): DocumentSpec {
  const C = MARI_EL_CONCLUSION_CAPTIONS;
  const kindText: Record<string, string> = {
    FAVOURABLE: 'Обстоятельства, подтверждающие социально опасное положение, не установлены: в семье благоприятная обстановка.',
    EARLY_STAGE: 'Семья находится на ранней стадии семейного неблагополучия и нуждается в помощи.',
    SOCIALLY_DANGEROUS: 'Установлены обстоятельства, подтверждающие отнесение несовершеннолетнего и (или) семьи к категории, находящихся в социально опасном положении.',
  };
  return {
    form: C.form,
    title: C.title,
    subtitle: C.subtitle,
    blocks: [
      { kind: 'heading', text: C.general },
      {
        kind: 'fields',
        rows: [
          [C.child, personLine(child)],
          [
            C.parents,
            parentsOf(family)
              .map((p) => p.fullName)
              .join(', '),
          ],
        ],
      },
      { kind: 'heading', text: C.composition },
      { kind: 'table', headings: [C.kinship, C.name, C.birthDate, C.occupation], rows: family.members.map((m) => [KINSHIP[m.role] ?? m.role, m.fullName, printedDate(m.birthDate), '']) },
      { kind: 'heading', text: C.housing },
      {
        kind: 'fields',
        rows: [
          [C.registered, family.registeredAddress],
          [C.actual, family.actualAddress],
        ],
      },
      { kind: 'heading', text: C.income },
      { kind: 'table', headings: [C.incomeKind, '(в рублях)'], rows: [[C.perCapita, '']] },
      { kind: 'heading', text: C.support },
      { kind: 'fields', rows: [['Категория семьи', categoriesText(family)]] },
      { kind: 'heading', text: C.familySop },
      // The criteria of the form's section 6 (the catalogue's Mari El family criteria cited there), those the conclusion found marked.
      {
        kind: 'table',
        headings: ['№ п/п', C.criterion, C.presence],
        rows: FORM_SOP_CRITERIA.map((criterion, i) => [`${i + 1}.`, criterion.caption, (c.sopCriteria ?? []).includes(criterion.code) ? '☒' : '☐']),
      },
      { kind: 'heading', text: C.minorSop },
      { kind: 'table', headings: ['№ п/п', C.signs, C.presence], rows: DANGER_LEVELS.map(([code, caption], i) => [`${i + 1}.`, caption, c.dangerLevel === code ? '☒' : '☐']) },
      {
        kind: 'fields',
        rows: [
          [C.conclusion, `${kindText[c.kind] ?? c.kind}\n${c.notes}`],
          ['Ребёнок в безопасности в данный момент', c.childSafeNow ? 'да' : 'нет'],
        ],
      },
    ],
    signatures: [{ caption: `${C.head}: ${team.join('; ')}`, name: null, date: null }],
  };
}
