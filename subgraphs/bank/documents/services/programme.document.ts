import { DocumentBlock, DocumentSpec, printedDate } from '../../../common/export';
import { CaseRecordRow } from '../../cases/services/case-record.service';
import { addCalendarMonths } from '../../cases/workflow/case-records';
import { KdnCaseEntity } from '../../cases/entities/kdn-case.entity';
import { ProgrammeRowRecord } from '../../cases/services/programme.service';
import { childrenOf, DocumentFamily, familyLabel, organisationName, parentsOf, personLine } from './document-data.service';
import { FORM_CAPTIONS, formFor } from './document-forms';

export const APPROVAL_LINE = 'Утверждена на заседании муниципальной КДНиЗП';

export const MYASNIKOVSKY_PROGRAMME_CAPTIONS = {
  form: FORM_CAPTIONS.myasnikovsky(3),
  title: 'Индивидуальная комплексная программа реабилитации семьи, находящейся в социально опасном положении',
  start: '(дата начала реабилитации)',
  end: '(дата окончания реабилитации)',
  family: 'Семья',
  parents: 'ФИО родителей (законных представителей), все сведения о родителях отдельно',
  status: 'Статус семьи:',
  children: 'Сведения о детях:',
  lead: 'Разработчик программы (основной субъект):',
  supporting: 'Исполнители программы (вспомогательные субъекты):',
  basis: 'Основание постановки на учет:',
  procedure: 'Порядок постановки на учет:',
  columns: ['Проблемы семьи', 'Необходимые мероприятия', 'Исполнители', 'Срок', 'Сведения о проделанной работе', 'Исполнитель', 'Дата'],
  analysis: 'Анализ результатов реализации программы:',
  outcome: 'Вывод:',
  decision: 'Решение:',
} as const;

export const MARI_EL_PROGRAMME_CAPTIONS = {
  form: FORM_CAPTIONS.mariEl(4),
  approval: APPROVAL_LINE,
  title: 'Индивидуальная программа социальной реабилитации семьи и несовершеннолетнего, находящихся в социально опасном положении',
  family: 'Сведения о семье',
  parents: 'Сведения о родителях (законных представителях):',
  mother: 'Мать: Ф.И.О., дата рождения',
  father: 'Отец: Ф.И.О. дата рождения',
  occupation: 'Сведения о занятости',
  child: 'Ф.И.О. ребенка, дата рождения',
  general: 'Общие сведения',
  detected: 'Дата выявления',
  registered: 'Дата постановки на учет',
  goal: 'Цель социально реабилитационной программы',
  plan: 'Перспективный план работы с семьей и несовершеннолетним, находящимися в социально опасном положении',
  planColumns: ['Характеристика социально опасной ситуации семьи', 'Задачи социально реабилитационной программы', 'Планируемые мероприятия', 'Срок'],
  done: 'Проведение социально-реабилитационных мероприятий',
  doneColumns: ['№ п/п', 'Мероприятия', 'Содержание деятельности', 'Дата исполнения'],
  potential: 'Динамика уровня реабилитационного потенциала',
  stages: ['Начальный этап', 'Основной этап', 'Заключительный этап'],
  reaction: 'Реакция членов семьи на вмешательство',
  reactionColumn: 'Форма реакции',
  patronage: 'Изменения вида патронажа в ходе работы с семьей и несовершеннолетним',
  patronageColumns: ['Вид патронажа', 'Причина и дата изменения'],
  consilium: 'Проведение заседаний социально-реабилитационного консилиума',
  consiliumColumns: ['Дата проведения консилиума', 'Мероприятия', 'Выводы'],
  assessment: 'Оценка результатов реализации индивидуальной программы социальной реабилитации',
  assessmentColumn: 'Оценка результатов',
} as const;

const STAGES = ['INITIAL', 'MAIN', 'FINAL'] as const;
const POTENTIALS: Record<string, string> = { HIGH: 'высокий', MEDIUM: 'средний', LOW: 'низкий' };
/** The six grades of Mari El appendix 4, in its order and wording. */
const REACTIONS: ReadonlyArray<readonly [string, string]> = [
  ['AGGRESSIVE_REFUSAL', 'Агрессивный отказ от контакта'],
  ['PASSIVE_UNCERTAIN', 'Пассивное реагирование, неопределенность на предложение помощи'],
  ['DEPRESSED_COMPLIANT', 'Подавленность, согласие на все'],
  ['CALM', 'Спокойное реагирование'],
  ['READY_TO_COOPERATE', 'Готовность к сотрудничеству в разрешении проблем семьи'],
  ['ACTIVE_COOPERATION', 'Активное сотрудничество в разрешении проблем семьи'],
];
const PATRONAGE: Record<string, string> = { EMERGENCY: 'экстренный', URGENT: 'срочный', PERIODIC: 'периодический', CONTROL: 'контрольный' };
const OUTCOMES: ReadonlyArray<readonly [string, string]> = [
  ['FULL', 'Достигнута полная реабилитация'],
  ['PARTIAL', 'Восстановление частичное'],
  ['NONE', 'Положительные результаты отсутствуют'],
];

/** The follow-up records of Mari El appendix 4's lower tables, oldest first. */
function followUpBlocks(records: readonly CaseRecordRow[]): DocumentBlock[] {
  const C = MARI_EL_PROGRAMME_CAPTIONS;
  const ordered = [...records].sort((a, b) => a.recordedOn.localeCompare(b.recordedOn) || a.createdAt.getTime() - b.createdAt.getTime());
  const ofStage = (stage: string) => ordered.filter((r) => r.details?.rehabilitationStage === stage);
  const potential = STAGES.map(
    (stage) =>
      POTENTIALS[
        ofStage(stage)
          .filter((r) => r.details?.rehabilitationPotential)
          .pop()?.details?.rehabilitationPotential ?? ''
      ] ?? '',
  );
  const reactionRows = REACTIONS.map(([code, caption]) => [caption, ...STAGES.map((stage) => (ofStage(stage).some((r) => r.details?.familyReaction === code) ? '+' : ''))]);
  const sheets = ordered.filter((r) => r.kind === 'PATRONAGE_SHEET' && r.details?.patronageKind);
  const changes = sheets.filter((r, i) => i === 0 || r.details.patronageKind !== sheets[i - 1].details.patronageKind);
  const reviews = ordered.filter((r) => r.kind === 'PROGRAMME_REVIEW' && r.details?.reviewOutcome);
  const lastOutcome = reviews.pop()?.details?.reviewOutcome ?? null;
  return [
    { kind: 'heading', text: C.potential },
    { kind: 'table', headings: [...C.stages], rows: [potential] },
    { kind: 'heading', text: C.reaction },
    { kind: 'table', headings: [C.reactionColumn, ...C.stages], rows: reactionRows },
    { kind: 'heading', text: C.patronage },
    { kind: 'table', headings: [...C.patronageColumns], rows: changes.map((r) => [PATRONAGE[r.details.patronageKind!] ?? r.details.patronageKind, `${printedDate(r.recordedOn)}: ${r.summary}`]) },
    { kind: 'heading', text: C.consilium },
    { kind: 'table', headings: [...C.consiliumColumns], rows: ordered.filter((r) => r.kind === 'CONSILIUM').map((r) => [printedDate(r.recordedOn), r.summary, '']) },
    { kind: 'heading', text: C.assessment },
    { kind: 'table', headings: [C.assessmentColumn, ''], rows: OUTCOMES.map(([code, caption]) => [caption, lastOutcome === code ? '+' : '']) },
  ];
}

const STATUS: Record<string, string> = { SOP: 'семья находится в социально опасном положении', INDIVIDUAL_WORK: 'индивидуальная профилактическая работа' };

export interface ProgrammeDocumentInput {
  kase: KdnCaseEntity;
  family: DocumentFamily;
  rows: ProgrammeRowRecord[];
  approvedOn: string | null;
  /** The case's follow-up records the caller may read (potential, reaction, patronage, consiliums, reviews). */
  records: readonly CaseRecordRow[];
}

/** The rehabilitation programme on the form of the case's region, with the meeting that approved it. */
export function programmeDocument({ kase, family, rows, approvedOn, records }: ProgrammeDocumentInput): { fileName: string; spec: DocumentSpec } {
  const r = (kase.resolution ?? {}) as Record<string, unknown>;
  const resolution = {
    number: String(r.number ?? ''),
    date: typeof r.date === 'string' ? r.date : null,
    protocol: typeof r.protocolNumber === 'string' ? r.protocolNumber : null,
    kind: String(r.kind ?? ''),
    termMonths: typeof r.termMonths === 'number' ? r.termMonths : 0,
    lead: typeof r.leadOrganisation === 'string' ? organisationName(r.leadOrganisation) : String(r.leadAgency ?? ''),
    supporting:
      Array.isArray(r.supportingOrganisations) && r.supportingOrganisations.length
        ? (r.supportingOrganisations as string[]).map(organisationName)
        : ((r.supportingAgencies as string[] | undefined) ?? []),
  };
  // The programme is approved at a meeting; the hub records the day, the protocol is the resolution's where one was given.
  const approval = `(протокол № ${resolution.protocol ?? '____'} от ${approvedOn ? printedDate(approvedOn) : '«___» ________ 20__'} г.)`;
  const live = rows.filter((row) => (row as ProgrammeRowRecord & { cancelledInVersion?: number | null }).cancelledInVersion == null);
  const executor = (row: ProgrammeRowRecord) => organisationName(row.executorOrganisation) || row.executorAgency;
  const form = formFor('PROGRAMME', kase.municipality);
  const fileName = `Программа_${kase.number}`;
  if (form.variant === 'MARI_EL_APPENDIX_4') {
    const C = MARI_EL_PROGRAMME_CAPTIONS;
    const mother = parentsOf(family).find((p) => p.role === 'MOTHER');
    const father = parentsOf(family).find((p) => p.role === 'FATHER');
    return {
      fileName,
      spec: {
        form: C.form,
        header: [C.approval, approval],
        title: C.title,
        blocks: [
          { kind: 'heading', text: C.family },
          {
            kind: 'fields',
            rows: [
              [
                C.parents,
                parentsOf(family)
                  .map((p) => p.fullName)
                  .join(', '),
              ],
              [C.mother, mother ? personLine(mother) : ''],
              [C.occupation, ''],
              [C.father, father ? personLine(father) : ''],
              [C.occupation, ''],
              [C.child, childrenOf(family).map(personLine).join('\n')],
            ],
          },
          { kind: 'heading', text: C.general },
          {
            kind: 'fields',
            rows: [
              [C.detected, printedDate(kase.receivedOn)],
              [C.registered, printedDate(resolution.date)],
              [C.goal, ''],
            ],
          },
          { kind: 'heading', text: C.plan },
          { kind: 'table', headings: [...C.planColumns], rows: live.map((row) => [row.problem, row.task, `${row.measure} (${executor(row)})`, printedDate(row.dueDate)]) },
          { kind: 'heading', text: C.done },
          { kind: 'table', headings: [...C.doneColumns], rows: live.filter((row) => row.doneOn).map((row, i) => [String(i + 1), row.measure, row.result ?? '', printedDate(row.doneOn)]) },
          ...followUpBlocks(records),
        ],
        signatures: [{ caption: 'Председатель муниципальной КДНиЗП', name: null, date: approvedOn }],
      },
    };
  }
  const C = MYASNIKOVSKY_PROGRAMME_CAPTIONS;
  const start = approvedOn ?? resolution.date;
  return {
    fileName,
    spec: {
      form: C.form,
      header: [APPROVAL_LINE, approval],
      title: C.title,
      blocks: [
        {
          kind: 'fields',
          rows: [
            [C.start, printedDate(start)],
            [C.end, start && resolution.termMonths ? printedDate(addCalendarMonths(start, resolution.termMonths)) : ''],
          ],
        },
        {
          kind: 'fields',
          rows: [
            [C.family, familyLabel(family)],
            [C.parents, parentsOf(family).map(personLine).join('\n')],
            [C.status, STATUS[resolution.kind] ?? ''],
            [C.children, childrenOf(family).map(personLine).join('\n')],
            [C.lead, resolution.lead],
            [C.supporting, resolution.supporting.join('; ')],
            [C.basis, `постановление КДН № ${resolution.number} от ${printedDate(resolution.date)}`],
            [C.procedure, ''],
          ],
        },
        {
          kind: 'table',
          headings: [...C.columns],
          rows: live.map((row) => [row.problem, row.measure, executor(row), printedDate(row.dueDate), row.result ?? '', row.executor ?? '', printedDate(row.doneOn)]),
        },
        {
          kind: 'fields',
          rows: [
            [C.analysis, ''],
            [C.outcome, ''],
            [C.decision, ''],
          ],
        },
      ],
      signatures: [{ caption: 'Председатель КДН и ЗП', name: null, date: approvedOn }],
    },
  };
}
