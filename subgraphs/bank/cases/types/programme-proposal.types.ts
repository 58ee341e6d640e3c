import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrganisationType } from '../../../../schema/enums';
import { DateTime, LocalDate } from '../../../../schema/scalars';

// Every value equals its name: the subgraph schema is printed and rebuilt, and only names survive.
export const ProgrammeProposalStatusEnum = { PROPOSED: 'PROPOSED', ACCEPTED: 'ACCEPTED', DECLINED: 'DECLINED' } as const;
registerEnumType(ProgrammeProposalStatusEnum, {
  name: 'ProgrammeProposalStatus',
  description: 'Судьба предложения в программу',
  valuesConfig: {
    PROPOSED: { description: 'Направлено куратору, не рассмотрено' },
    ACCEPTED: { description: 'Включено в проект программы (строка programmeRowId)' },
    DECLINED: { description: 'Не включено; причина в declineReason' },
  },
});

export const DueAddresseeEnum = {
  CURATOR: 'CURATOR',
  KDN: 'KDN',
  LEAD_AGENCY: 'LEAD_AGENCY',
  SUPPORTING_AGENCY: 'SUPPORTING_AGENCY',
  CHECKER: 'CHECKER',
  EXECUTOR: 'EXECUTOR',
  DETECTING_BODY: 'DETECTING_BODY',
  DATA_BANK_OPERATOR: 'DATA_BANK_OPERATOR',
} as const;
registerEnumType(DueAddresseeEnum, {
  name: 'DueAddressee',
  description: 'Кому адресован пункт: тот, кому правило разрешает его исполнить',
  valuesConfig: {
    CURATOR: { description: 'Куратор случая (учётная запись в поле curator)' },
    KDN: { description: 'КДН территории дела' },
    LEAD_AGENCY: { description: 'Основная организация по постановлению (organisationId)' },
    SUPPORTING_AGENCY: { description: 'Вспомогательная организация по постановлению (organisationId)' },
    CHECKER: { description: 'Организация, которой назначена проверка (organisationId)' },
    EXECUTOR: { description: 'Организация-исполнитель строки программы (organisationId)' },
    DETECTING_BODY: { description: 'Организация, выявившая семью (organisationId): её представление в КДН' },
    DATA_BANK_OPERATOR: { description: 'Оператор банка данных муниципального образования (organisationId): его ежеквартальная информация на региональный уровень' },
  },
});

@ObjectType({ description: 'Предложение в индивидуальную программу (Марий Эл, приложение 5): от основной или вспомогательной организации куратору' })
export class ProgrammeProposal {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'Предложившая организация (ОГРН)' })
  organisationId: string;

  @Field(() => OrganisationType, { description: 'Вид предложившей организации' })
  organisationType: string;

  @Field({ description: 'Характеристика социально опасной ситуации семьи' })
  problem: string;

  @Field({ description: 'Задача социально-реабилитационной программы' })
  task: string;

  @Field({ description: 'Планируемое мероприятие' })
  measure: string;

  @Field(() => LocalDate, { description: 'Предлагаемый срок' })
  dueDate: string;

  @Field(() => String, { nullable: true, description: 'Кто направил (учётная запись)' })
  proposedBy: string | null;

  @Field(() => DateTime)
  proposedAt: Date;

  @Field(() => ProgrammeProposalStatusEnum)
  status: string;

  @Field(() => ID, { nullable: true, description: 'Строка программы, в которую предложение включено' })
  programmeRowId: string | null;

  @Field(() => Int, { nullable: true, description: 'Номер этой строки в программе' })
  rowNo: number | null;

  @Field(() => String, { nullable: true, description: 'Кто рассмотрел (учётная запись)' })
  decidedBy: string | null;

  @Field(() => DateTime, { nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Почему не включено' })
  declineReason: string | null;
}

@InputType({ description: 'Предлагаемое мероприятие: ситуация, задача, мероприятие, срок (Марий Эл, приложение 5)' })
export class ProposedRowInput {
  @Field({ description: 'Характеристика социально опасной ситуации семьи' })
  problem: string;

  @Field({ description: 'Задача' })
  task: string;

  @Field({ description: 'Планируемое мероприятие' })
  measure: string;

  @Field(() => LocalDate, { description: 'Срок' })
  dueDate: string;
}

@InputType({ description: 'Предложение, включаемое в проект программы; незаполненные поля берутся из предложения' })
export class AcceptProgrammeProposalInput {
  @Field(() => ID)
  proposalId: string;

  @Field(() => String, { nullable: true, description: 'Формулировка куратора вместо предложенной' })
  problem?: string | null;

  @Field(() => String, { nullable: true })
  task?: string | null;

  @Field(() => String, { nullable: true })
  measure?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Срок куратора вместо предложенного' })
  dueDate?: string | null;

  @Field(() => ID, { nullable: true, description: 'Исполнитель (ОГРН), если не предложившая организация: основная или вспомогательная по постановлению, ведущая сведения в хабе' })
  executorOrganisationId?: string | null;
}

@InputType({ description: 'Предложение, не включаемое в программу' })
export class DeclineProgrammeProposalInput {
  @Field(() => ID)
  proposalId: string;

  @Field({ description: 'Причина (видна предложившей организации в предложениях по делу)' })
  reason: string;
}
