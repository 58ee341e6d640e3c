import { DocumentSpec, printedDate } from '../../../common/export';
import { CaseRecordRow } from '../../cases/services/case-record.service';
import { ProgrammeRowRecord } from '../../cases/services/programme.service';
import { INFORMATION_MESSAGE_CAPTIONS, InformationMessageKind } from '../../cases/workflow/case-records';
import { addressOf, DocumentFamily, familyLabel, organisationName, parentsOf } from './document-data.service';
import { FORM_CAPTIONS } from './document-forms';

export const INFORMATION_MESSAGE_FORM = {
  form: FORM_CAPTIONS.primorsky(3),
  addressee: 'Председателю комиссии по делам несовершеннолетних и защите их прав муниципального образования',
  subject: '(субъект профилактики)',
  title: 'ИНФОРМАЦИОННОЕ СООБЩЕНИЕ',
  inform: 'Информируем, что семья',
  address: 'проживающая по адресу:',
  reason: 'По причине',
  signer: 'ФИО и должность лица, предоставляющего субъект профилактики',
} as const;

export const PATRONAGE_SHEET_FORM = {
  form: FORM_CAPTIONS.myasnikovsky(5),
  title: 'Патронажный лист',
  family: 'Семья:',
  parents: 'ФИО родителей (законных представителей)',
  address: 'Домашний адрес:',
  period: 'Период:',
  columns: ['№ п/п', 'Необходимые мероприятия', 'Дата мероприятия', 'Сведения о проделанной работе', 'Исполнитель'],
  subject: '*Наименование субъекта',
  note: '*Патронажный лист, подписанный руководителем вспомогательного субъекта профилактики, подается руководителю основного субъекта профилактики.',
} as const;

export interface RecordDocumentInput {
  caseNumber: string;
  record: CaseRecordRow & { organisationId: string | null };
  family: DocumentFamily;
  /** For the patronage sheet: the programme rows the record's organisation executes. */
  rows: ProgrammeRowRecord[];
}

/** Primorsky appendix 3: the body responsible for the work tells the KDN it took the family on or off. */
export function informationMessageDocument({ caseNumber, record, family }: RecordDocumentInput): { fileName: string; spec: DocumentSpec } {
  const F = INFORMATION_MESSAGE_FORM;
  const kind = (record.details.messageKind ?? 'TAKEN_ON') as InformationMessageKind;
  const organisation = organisationName(record.organisationId) || record.agency || '';
  return {
    fileName: `Информационное_сообщение_${caseNumber}`,
    spec: {
      form: F.form,
      header: [F.addressee, `от ${organisation}`, F.subject, ...(record.details.documentRef ? [`исх. № ${record.details.documentRef} от ${printedDate(record.recordedOn)}`] : [])],
      title: F.title,
      blocks: [
        {
          kind: 'fields',
          rows: [
            [F.inform, familyLabel(family)],
            [F.address, addressOf(family)],
            [kind === 'TAKEN_OFF' ? `${INFORMATION_MESSAGE_CAPTIONS.TAKEN_OFF} в` : `${INFORMATION_MESSAGE_CAPTIONS.TAKEN_ON} в`, organisation],
            [F.reason, record.summary],
          ],
        },
      ],
      signatures: [{ caption: `(${F.signer})`, name: null, date: record.recordedOn }],
    },
  };
}

/** Myasnikovsky appendix 5: the measures a supporting organisation carried out in the period, from its programme rows. */
export function patronageSheetDocument({ caseNumber, record, family, rows }: RecordDocumentInput): { fileName: string; spec: DocumentSpec } {
  const F = PATRONAGE_SHEET_FORM;
  const organisation = organisationName(record.organisationId) || record.agency || '';
  const from = record.periodFrom ?? '0000-00-00';
  const to = record.periodTo ?? '9999-12-31';
  // A row belongs to the sheet when its organisation executes it and it fell due or was done in the period.
  const inPeriod = rows.filter((r) => {
    const mine = r.executorOrganisation !== null ? r.executorOrganisation === record.organisationId : r.executorAgency === record.agency;
    const on = r.doneOn ?? r.dueDate;
    return mine && on >= from && on <= to;
  });
  return {
    fileName: `Патронажный_лист_${caseNumber}_${record.periodFrom ?? record.recordedOn}`,
    spec: {
      form: F.form,
      title: F.title,
      blocks: [
        {
          kind: 'fields',
          rows: [
            [F.family, familyLabel(family)],
            [
              F.parents,
              parentsOf(family)
                .map((p) => p.fullName)
                .join(', '),
            ],
            [F.address, addressOf(family)],
            [F.period, record.periodFrom && record.periodTo ? `${printedDate(record.periodFrom)} — ${printedDate(record.periodTo)}` : ''],
          ],
        },
        {
          kind: 'table',
          headings: [...F.columns],
          rows: [
            ...inPeriod.map((r, i) => [String(i + 1), r.measure, printedDate(r.doneOn ?? r.dueDate), r.result ?? '', r.executor ?? organisationName(r.executorOrganisation)]),
            [String(inPeriod.length + 1), 'Патронаж семьи', printedDate(record.recordedOn), record.summary, organisation],
          ],
        },
        { kind: 'fields', rows: [[F.subject, organisation]] },
        { kind: 'paragraph', text: F.note },
      ],
      signatures: [{ caption: 'подпись', name: null, date: record.recordedOn }],
    },
  };
}
