import { DocumentSpec, printedDate } from '../../../common/export';
import { KdnCaseEntity } from '../../cases/entities/kdn-case.entity';
import { ProgrammeProposalRecord } from '../../cases/services/programme-proposal.service';
import { ProgrammeRowRecord } from '../../cases/services/programme.service';
import { childrenOf, DocumentFamily, organisationName, parentsOf } from './document-data.service';
import { FORM_CAPTIONS } from './document-forms';

/** Mari El appendix 5 as the seed prints it (line breaks joined). */
export const MARI_EL_PROPOSALS_CAPTIONS = {
  form: FORM_CAPTIONS.mariEl(5),
  title: 'Предложения в индивидуальную программу социальной реабилитации семьи и несовершеннолетнего, находящихся в социально опасном положении',
  family: 'Сведения о семье',
  parents: 'Сведения о родителях (законных представителях):',
  mother: 'Ф.И.О. матери',
  father: 'Ф.И.О. отца',
  minor: 'Ф.И.О. несовершеннолетнего',
  plan: 'Перспективный план работы с семьей и несовершеннолетним, находящимся в социально опасном положении',
  planColumns: ['Характеристика социально опасной ситуации семьи', 'Задачи социально реабилитационной программы', 'Планируемые мероприятия', 'Срок'],
  done: 'Проведение социально-реабилитационных мероприятий',
  doneColumns: ['№ п/п', 'Мероприятия', 'Содержание деятельности', 'Дата исполнения'],
} as const;

export interface ProposalsDocumentInput {
  kase: KdnCaseEntity;
  family: DocumentFamily;
  organisationId: string;
  /** The organisation's proposals for the case, in the order they were sent. */
  proposals: readonly ProgrammeProposalRecord[];
  /** The programme rows the accepted proposals became (their execution fills the lower table). */
  rows: readonly ProgrammeRowRecord[];
}

/**
 * An organisation's proposals to the family's programme (Mari El appendix 5), printed for its head
 * to sign: the family, the plan it proposes, and what of it has been carried out once the curator
 * took a proposal into the programme. Every region uses this form: the other seeds print none.
 */
export function proposalsDocument({ kase, family, organisationId, proposals, rows }: ProposalsDocumentInput): { fileName: string; spec: DocumentSpec } {
  const C = MARI_EL_PROPOSALS_CAPTIONS;
  const mother = parentsOf(family).find((p) => p.role === 'MOTHER');
  const father = parentsOf(family).find((p) => p.role === 'FATHER');
  const byId = new Map(rows.map((row) => [row.id, row]));
  const done = proposals.map((p) => (p.programmeRowId ? byId.get(p.programmeRowId) : undefined)).filter((row): row is ProgrammeRowRecord => row !== undefined && row.doneOn !== null);
  return {
    fileName: `Предложения_${kase.number}`,
    spec: {
      form: C.form,
      header: [organisationName(organisationId), `Дело КДН № ${kase.number}`],
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
            [C.mother, mother?.fullName ?? ''],
            [C.father, father?.fullName ?? ''],
            [
              C.minor,
              childrenOf(family)
                .map((p) => p.fullName)
                .join(', '),
            ],
          ],
        },
        { kind: 'heading', text: C.plan },
        { kind: 'table', headings: [...C.planColumns], rows: proposals.map((p) => [p.problem, p.task, p.measure, printedDate(p.dueDate)]) },
        { kind: 'heading', text: C.done },
        { kind: 'table', headings: [...C.doneColumns], rows: done.map((row, i) => [String(i + 1), row.measure, row.result ?? '', printedDate(row.doneOn)]) },
      ],
      signatures: [{ caption: `Руководитель (уполномоченный специалист) организации «${organisationName(organisationId)}»`, name: null, date: null }],
    },
  };
}
