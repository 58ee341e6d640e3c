import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { BankContext } from '../../bank.context';
import { LawEnforcementResult, LawEnforcementService } from '../services/law-enforcement.service';
import { LawEnforcementReport, LawEnforcementReportInput, LawEnforcementResultInput } from '../types/law-enforcement.types';
import { caseForCaller } from './kdn-case.resolver';

/** As every case step: the caller must see the case's child (audited), then the service checks who may act. */
@Resolver()
export class LawEnforcementResolver {
  @Mutation(() => LawEnforcementReport, { description: 'Отметить направление информации в правоохранительные органы по выявленным фактам (проверявшая организация или КДН)' })
  async reportToLawEnforcement(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('input', () => LawEnforcementReportInput) input: LawEnforcementReportInput,
    @Ctx() ctx: BankContext,
  ): Promise<LawEnforcementReport> {
    const kase = await caseForCaller(ctx, caseId);
    return new LawEnforcementService(ctx.dataSource).report(ctx.principal, kase, input);
  }

  @Mutation(() => LawEnforcementReport, { description: 'Отметить результат проверки правоохранительного органа: возбуждено уголовное дело, составлен административный протокол или отказано' })
  async recordLawEnforcementResult(
    @Arg('reportId', () => ID) reportId: string,
    @Arg('input', () => LawEnforcementResultInput) input: LawEnforcementResultInput,
    @Ctx() ctx: BankContext,
  ): Promise<LawEnforcementReport> {
    const service = new LawEnforcementService(ctx.dataSource);
    const report = await service.load(reportId);
    const kase = await caseForCaller(ctx, report.caseId);
    return service.recordResult(ctx.principal, kase, report, { kind: input.kind as LawEnforcementResult, resultOn: input.resultOn, note: input.note });
  }
}
