import { Citation, SEEDS } from '../../../../schema/calendar/region-rules';
import { ExportColumn, printedDate, toCsv, toXlsx } from '../../../common/export';
import { SignalJournalLine } from './signal-journal.service';

/**
 * The journal's two regional forms, columns declared once for CSV and XLSX. Headings are the
 * seeds' wording: the scans break words across the table's lines, joined here; a grouped heading
 * is printed "group: column".
 */
export type SignalJournalForm = 'PRIMORSKY_APPENDIX_1' | 'MARI_EL_APPENDIX_1';

export const SIGNAL_JOURNAL_TITLES: Record<SignalJournalForm, { appendix: string; title: string }> = {
  PRIMORSKY_APPENDIX_1: {
    appendix: 'Приложение 1 к Порядку',
    title: 'Журнал текущего мониторинга комиссии по делам несовершеннолетних и защите их прав по работе с сигналами о нарушении прав и законных интересов детей',
  },
  MARI_EL_APPENDIX_1: {
    appendix: 'ПРИЛОЖЕНИЕ № 1',
    title: 'Журнал первичного учета поступающей информации о семьях и несовершеннолетних находящихся в социально опасном положении',
  },
};

const CHILDREN = 'Сведения о детях';
const REGISTRATION = 'Информация о постановке на учет (снятии с учета)';

const PRIMORSKY: ReadonlyArray<ExportColumn<SignalJournalLine>> = [
  { key: 'no', heading: '№ п\\п', type: 'number', width: 6 },
  { key: 'receivedOn', heading: 'Дата поступления сигнала', type: 'date', width: 12 },
  { key: 'from', heading: 'От кого поступил сигнал', type: 'text', width: 30 },
  { key: 'childName', heading: `${CHILDREN}: Ф.И.О.`, type: 'text', width: 30 },
  { key: 'childAge', heading: `${CHILDREN}: Возраст`, type: 'number', width: 9 },
  { key: 'address', heading: `${CHILDREN}: Адрес`, type: 'text', width: 35 },
  { key: 'check', heading: 'Проверка сигнала (дата, Ф.И.О. специалистов либо название организации)', type: 'text', width: 35 },
  {
    key: 'conclusion',
    heading: 'Заключение (информация не подтвердилась/ семья находится на ранней стадии семейного неблагополучия/ установлено социально опасное положение)',
    type: 'text',
    width: 35,
  },
  {
    key: 'registeredOn',
    heading: `${REGISTRATION}: Дата постановки (с указанием даты постановки на внутренний учет в образовательном учреждении/ дата помещения ребенка в учреждение социального обслуживания семьи и детей/ дата постановки семьи на социальное сопровождение/ дата постановки семьи в СОП)`,
    type: 'date',
    width: 20,
  },
  { key: 'removedOn', heading: `${REGISTRATION}: Дата снятия с учета`, type: 'date', width: 12 },
  { key: 'removalReason', heading: `${REGISTRATION}: Основание снятия с учета`, type: 'text', width: 30 },
];

const MARI_EL: ReadonlyArray<ExportColumn<SignalJournalLine>> = [
  { key: 'no', heading: '№ п/п', type: 'number', width: 6 },
  { key: 'receivedOn', heading: 'Дата поступления информации', type: 'date', width: 12 },
  { key: 'from', heading: 'От кого поступила информация', type: 'text', width: 30 },
  { key: 'parents', heading: 'Ф.И.О. родителей (законных представителей)', type: 'text', width: 35 },
  { key: 'child', heading: 'Ф.И.О. детей, дата рождения', type: 'text', width: 35, value: (l) => (l.childName ? `${l.childName}, ${printedDate(l.childBirthDate)}` : '') },
  { key: 'address', heading: 'Адрес места жительства (регистрации)', type: 'text', width: 35 },
  { key: 'problem', heading: 'Проблема и необходимая помощь', type: 'text', width: 40 },
  { key: 'result', heading: 'Результат', type: 'text', width: 40 },
];

export const SIGNAL_JOURNAL_COLUMNS: Record<SignalJournalForm, ReadonlyArray<ExportColumn<SignalJournalLine>>> = {
  PRIMORSKY_APPENDIX_1: PRIMORSKY,
  MARI_EL_APPENDIX_1: MARI_EL,
};

/**
 * Which journal a region keeps, as data with its citation (checked against the seed text by
 * test/e2e/signal-journal.test.ts): Mari El (OKTMO 88…) its appendix 1; every other region the
 * Primorsky journal, the only other journal form of the seeds.
 */
export const SIGNAL_JOURNAL_RULES: ReadonlyArray<{ region: string | '*'; form: SignalJournalForm; citation: Citation }> = [
  {
    region: '88',
    form: 'MARI_EL_APPENDIX_1',
    citation: {
      seed: SEEDS.mariEl.file,
      section: '4.3',
      quote:
        'регистрируется в журнале первичного учета поступающей информации о семьях и несовершеннолетних, находящихся в социально опасном положении, по форме согласно приложению № 1 к настоящему Порядку',
    },
  },
  {
    region: '*',
    form: 'PRIMORSKY_APPENDIX_1',
    citation: {
      seed: SEEDS.primorsky.file,
      section: '5.2',
      quote: 'регистрирует полученную информацию в журнале регистрации сигналов о выявлении признаков нарушения прав и законных интересов детей (Приложение 1 к Порядку)',
    },
  },
];

export function signalJournalForm(municipality: string): SignalJournalForm {
  return (SIGNAL_JOURNAL_RULES.find((r) => r.region === municipality.slice(0, 2)) ?? SIGNAL_JOURNAL_RULES.find((r) => r.region === '*')!).form;
}

export function signalJournalCsv(form: SignalJournalForm, lines: readonly SignalJournalLine[]): string {
  return toCsv({ columns: SIGNAL_JOURNAL_COLUMNS[form], rows: lines });
}

export async function signalJournalXlsx(form: SignalJournalForm, lines: readonly SignalJournalLine[]): Promise<Buffer> {
  return toXlsx([{ name: form === 'MARI_EL_APPENDIX_1' ? 'Журнал (приложение 1)' : 'Журнал мониторинга (прил. 1)', columns: SIGNAL_JOURNAL_COLUMNS[form], rows: lines }]);
}
