import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireAudited } from '../../../auth/access/decide';
import * as v from '../../common/validation';
import { AuditContext } from '../audit.context';
import { AccessLogEntry, AccessLogFilter, AuditCheckpoint, ChainVerification, EmergencyAccessForReview, SubjectAccessReport } from '../types/audit.types';

/** Auditors only (the permission table's `audit:read`), with the AUDIT purpose; their own reads are logged too. */
@Resolver()
export class AuditResolver {
  @Query(() => [AccessLogEntry], { description: 'Поиск в журнале доступа: по ребёнку, семье, сотруднику, ведомству, периоду, итогу, цели' })
  accessLog(
    @Arg('filter', () => AccessLogFilter, { defaultValue: {} }) filter: AccessLogFilter,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => Int, { defaultValue: 0, description: 'Позиция, после которой продолжить' }) after: number,
    @Ctx() ctx: AuditContext,
  ): Promise<AccessLogEntry[]> {
    requireAudited(ctx, 'audit:read');
    if (filter.childId) v.uuid('filter.childId', filter.childId);
    if (filter.familyId) v.uuid('filter.familyId', filter.familyId);
    return ctx.services.queries.search(filter, v.integerRange('first', first, 1, 1000), after);
  }

  @Query(() => SubjectAccessReport, { description: 'Кто, когда, какое ведомство, что и зачем смотрел о ребёнке (ответ на запрос родителя)' })
  subjectAccessReport(
    @Arg('childId', () => ID) childId: string,
    @Arg('municipality', () => String, {
      nullable: true,
      description: 'ОКТМО муниципального образования ребёнка: время в CSV — местное время его региона; без него — региона, чьи организации обращались к данным',
    })
    municipality: string | null,
    @Ctx() ctx: AuditContext,
  ): Promise<SubjectAccessReport> {
    requireAudited(ctx, 'audit:read');
    const oktmo = municipality === null || municipality === undefined ? null : v.oktmo('municipality', municipality);
    return ctx.services.queries.subjectReport(v.uuid('childId', childId), oktmo);
  }

  @Query(() => [EmergencyAccessForReview], { description: 'Экстренные доступы, ожидающие разбора' })
  emergencyAccessesAwaitingReview(@Ctx() ctx: AuditContext): Promise<EmergencyAccessForReview[]> {
    requireAudited(ctx, 'audit:read');
    return ctx.services.queries.emergencyForReview();
  }

  @Mutation(() => Boolean, { description: 'Отметить экстренный доступ разобранным (с заключением аудитора)' })
  async reviewEmergencyAccess(@Arg('emergencyId', () => ID) emergencyId: string, @Arg('note') note: string, @Ctx() ctx: AuditContext): Promise<boolean> {
    requireAudited(ctx, 'audit:read');
    await ctx.services.queries.review(v.uuid('emergencyId', emergencyId), ctx.principal.subject, v.text('note', note, 4000));
    return true;
  }

  @Query(() => ChainVerification, {
    description: 'Проверить журнал: цепочку и каждую сохранённую подписанную контрольную точку; называет первую нарушенную позицию или первую точку, до которой цепочка больше не доходит',
  })
  async verifyAuditLog(@Ctx() ctx: AuditContext): Promise<ChainVerification> {
    requireAudited(ctx, 'audit:read');
    // The service's own public key: a checkpoint signed by any other key proves nothing.
    const report = await ctx.services.store.verifyWithCheckpoints(ctx.services.signingPublicKey);
    return {
      ok: report.ok,
      checked: report.checked,
      firstBadPosition: report.firstBadPosition,
      reason: report.reason,
      headPosition: report.head?.position ?? null,
      headHash: report.head?.hash ?? null,
      checkpointsChecked: report.checkpoints.checked,
      checkpointsSignatureValid: report.checkpoints.signatureValid,
      checkpointFailures: report.checkpoints.failed,
      firstFailedCheckpoint: report.checkpoints.firstFailure,
      summary: report.summary,
    };
  }

  @Query(() => [AuditCheckpoint], { description: 'Подписанные контрольные точки (храните копию вне базы данных)' })
  auditCheckpoints(@Arg('last', () => Int, { defaultValue: 10 }) last: number, @Ctx() ctx: AuditContext): Promise<AuditCheckpoint[]> {
    requireAudited(ctx, 'audit:read');
    return ctx.services.queries.checkpoints(v.integerRange('last', last, 1, 1000));
  }

  @Query(() => String, { description: 'Открытый ключ хаба (PEM), которым подписаны контрольные точки' })
  auditSigningKey(@Ctx() ctx: AuditContext): string {
    requireAudited(ctx, 'audit:read');
    return ctx.services.signingPublicKey;
  }
}
