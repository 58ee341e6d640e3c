import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { FamilyInformedInput, InformationMessageInput } from '../types/case-messages.types';
import { CaseRecord } from '../types/programme.types';
import { caseForCaller } from './kdn-case.resolver';
import { toRecord } from './programme.resolver';

/**
 * The messages around a case's work, kept as case records so they share its rules, history and
 * notifications (workflow/case-records.ts): what was sent, when, by whom; each discharges its due item.
 */
@Resolver()
export class CaseMessagesResolver {
  @Mutation(() => CaseRecord, {
    description: 'Информационное сообщение в КДН о постановке семьи на учёт (обслуживание) или о снятии с него (основное ведомство или куратор; Приморский край, приложение 3)',
  })
  async recordInformationMessage(@Arg('caseId', () => ID) caseId: string, @Arg('input', () => InformationMessageInput) input: InformationMessageInput, @Ctx() ctx: BankContext): Promise<CaseRecord> {
    const kase = await caseForCaller(ctx, caseId);
    const documentRef = v.optionalText('input.documentRef', input.documentRef, 100);
    return toRecord(
      await ctx.services.caseRecords.recordCaseRecord(ctx.principal, kase.id, {
        kind: 'INFORMATION_MESSAGE',
        periodFrom: null,
        periodTo: null,
        recordedOn: input.sentOn,
        summary: input.summary,
        details: { messageKind: input.messageKind, ...(documentRef ? { documentRef } : {}) },
      }),
    );
  }

  @Mutation(() => CaseRecord, { description: 'Несовершеннолетний и родители уведомлены о постановлении о снятии с учёта (КДН; Марий Эл, 6.5): что, когда, каким способом' })
  async recordFamilyInformed(@Arg('caseId', () => ID) caseId: string, @Arg('input', () => FamilyInformedInput) input: FamilyInformedInput, @Ctx() ctx: BankContext): Promise<CaseRecord> {
    const kase = await caseForCaller(ctx, caseId);
    const means = v.text('input.means', input.means, 200);
    const documentRef = v.optionalText('input.documentRef', input.documentRef, 100);
    return toRecord(
      await ctx.services.caseRecords.recordCaseRecord(ctx.principal, kase.id, {
        kind: 'FAMILY_INFORMED',
        periodFrom: null,
        periodTo: null,
        recordedOn: input.sentOn,
        summary: input.summary,
        details: { means, ...(documentRef ? { documentRef } : {}) },
      }),
    );
  }
}
