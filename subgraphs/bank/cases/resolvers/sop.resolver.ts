import { Arg, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { sopCriteriaFor, SOP_CRITERIA } from '../../../../schema/catalogue/sop-criteria';
import { LocalDate } from '../../../../schema/scalars';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { MemberInstructionService } from '../services/member-instruction.service';
import { KdnCase } from '../types/kdn-case.types';
import { criterionView, SopCriterionView } from '../types/sop.types';
import { caseForCaller, toCase } from './kdn-case.resolver';

@InputType({ description: 'Поручение члену комиссии организовать работу с семьёй (низкий уровень риска, Красноярский край, разд. III)' })
export class InstructMemberInput {
  @Field({ description: 'Член комиссии (учётная запись или Ф.И.О.)' })
  member: string;

  @Field({ description: 'Что поручено: помощь семье, устранение факторов риска, привлекаемые организации' })
  task: string;

  @Field(() => LocalDate, { description: 'Срок исполнения' })
  dueOn: string;

  @Field(() => LocalDate, { nullable: true, description: 'Дата поручения (не в будущем); если не указана — сегодняшняя' })
  instructedOn?: string | null;
}

@Resolver()
export class SopResolver {
  @Query(() => [SopCriterionView], {
    description: 'Критерии социально опасного положения (Марий Эл п. 3.1–3.2, прил. 2 разд. 6, прил. 3 разд. 8; Мясниковский район разд. 2): для территории — перечень её региона',
  })
  sopCriteria(@Arg('municipality', () => String, { nullable: true, description: 'ОКТМО: перечень региона этой территории' }) municipality: string | null): SopCriterionView[] {
    return (municipality ? sopCriteriaFor(v.oktmo('municipality', municipality)) : SOP_CRITERIA).map(criterionView);
  }

  @Mutation(() => KdnCase, {
    description:
      'Поручить члену комиссии организовать работу с семьёй потенциального риска без постановления (председатель или секретарь КДН; только где это предусмотрено правилом региона LOW_RISK_INSTRUCTION)',
  })
  async instructCommissionMember(@Arg('caseId', () => ID) caseId: string, @Arg('input', () => InstructMemberInput) input: InstructMemberInput, @Ctx() ctx: BankContext): Promise<KdnCase> {
    const kase = await caseForCaller(ctx, caseId);
    return toCase(await new MemberInstructionService(ctx.dataSource).instruct(ctx.principal, kase, input));
  }
}
