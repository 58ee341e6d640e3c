import { Arg, Ctx, FieldResolver, Resolver } from 'type-graphql';
import { requirePermission } from '../../../auth/permissions';
import { GuardianshipStatusEntity } from '../entities/guardianship-status.entity';
import { HousingInspectionEntity } from '../entities/housing-inspection.entity';
import { RemovalActEntity } from '../entities/removal-act.entity';
import { GuardianshipContext } from '../guardianship.context';
import { MarkEmergencyStepDoneInput, MarkProsecutorNotifiedInput, RecordHousingInspectionInput, RecordRemovalActInput, SetGuardianshipStatusInput } from '../types/guardianship.inputs';
import { GuardianshipMutations, GuardianshipStatus, HousingInspection, RemovalAct } from '../types/guardianship.types';

@Resolver(() => GuardianshipMutations)
export class GuardianshipFactsMutations {
  @FieldResolver(() => HousingInspection, { description: 'Записать акт обследования жилищно-бытовых условий (идемпотентно по idempotencyKey)' })
  recordHousingInspection(@Arg('input', () => RecordHousingInspectionInput) input: RecordHousingInspectionInput, @Ctx() ctx: GuardianshipContext): Promise<HousingInspectionEntity> {
    requirePermission(ctx, 'facts:write', 'guardianship');
    return ctx.services.inspections.record(ctx.principal, input);
  }

  @FieldResolver(() => RemovalAct, { description: 'Записать акт об отобрании ребёнка (идемпотентно по idempotencyKey)' })
  recordRemovalAct(@Arg('input', () => RecordRemovalActInput) input: RecordRemovalActInput, @Ctx() ctx: GuardianshipContext): Promise<RemovalActEntity> {
    requirePermission(ctx, 'facts:write', 'guardianship');
    return ctx.services.removals.record(ctx.principal, input);
  }

  @FieldResolver(() => RemovalAct, { description: 'Отметить уведомление прокурора об отобрании' })
  markProsecutorNotified(@Arg('input', () => MarkProsecutorNotifiedInput) input: MarkProsecutorNotifiedInput, @Ctx() ctx: GuardianshipContext): Promise<RemovalActEntity> {
    requirePermission(ctx, 'facts:write', 'guardianship');
    return ctx.services.removals.markProsecutorNotified(input);
  }

  @FieldResolver(() => RemovalAct, { description: 'Отметить шаг экстренного порядка выполненным: дата и документ (Марий Эл, п. 7.1)' })
  markEmergencyStepDone(@Arg('input', () => MarkEmergencyStepDoneInput) input: MarkEmergencyStepDoneInput, @Ctx() ctx: GuardianshipContext): Promise<RemovalActEntity> {
    requirePermission(ctx, 'facts:write', 'guardianship');
    return ctx.services.emergencySteps.markDone(ctx.principal, input);
  }

  @FieldResolver(() => GuardianshipStatus, { description: 'Установить текущее положение ребёнка (заменяет прежнее)' })
  setGuardianshipStatus(@Arg('input', () => SetGuardianshipStatusInput) input: SetGuardianshipStatusInput, @Ctx() ctx: GuardianshipContext): Promise<GuardianshipStatusEntity> {
    requirePermission(ctx, 'facts:write', 'guardianship');
    return ctx.services.statuses.set(ctx.principal, input);
  }
}
