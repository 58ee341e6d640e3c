import { Arg, Ctx, FieldResolver, Resolver } from 'type-graphql';
import { requirePermission } from '../../../auth/permissions';
import { BenefitEntity } from '../entities/benefit.entity';
import { DifficultSituationEntity } from '../entities/difficult-situation.entity';
import { EmergencyReferralEntity } from '../entities/emergency-referral.entity';
import { PatronageEntity } from '../entities/patronage.entity';
import { SocialSupportEntity } from '../entities/social-support.entity';
import { SocialContext } from '../social.context';
import {
  EndSocialPeriodInput,
  MarkSocialEmergencyStepDoneInput,
  RecordEmergencyHandoverInput,
  RecordEmergencyReferralInput,
  RecordDifficultSituationInput,
  RecordSocialBenefitInput,
  RecordSocialPatronageInput,
  RecordSocialSupportInput,
} from '../types/social.inputs';
import { DifficultSituation, SocialBenefit, SocialEmergencyReferral, SocialMutations, SocialPatronage, SocialSupport } from '../types/social.types';

@Resolver(() => SocialMutations)
export class SocialFactsMutations {
  @FieldResolver(() => DifficultSituation, { description: 'Признать ребёнка находящимся в трудной жизненной ситуации (идемпотентно по idempotencyKey)' })
  recordDifficultSituation(@Arg('input', () => RecordDifficultSituationInput) input: RecordDifficultSituationInput, @Ctx() ctx: SocialContext): Promise<DifficultSituationEntity> {
    requirePermission(ctx, 'facts:write', 'social');
    return ctx.services.difficultSituations.record(ctx.principal, input);
  }

  @FieldResolver(() => DifficultSituation, { description: 'Отметить, что трудная жизненная ситуация преодолена' })
  endDifficultSituation(@Arg('input', () => EndSocialPeriodInput) input: EndSocialPeriodInput, @Ctx() ctx: SocialContext): Promise<DifficultSituationEntity> {
    requirePermission(ctx, 'facts:write', 'social');
    return ctx.services.difficultSituations.end(input);
  }

  @FieldResolver(() => SocialSupport, { description: 'Записать социальное обслуживание или сопровождение (идемпотентно по idempotencyKey)' })
  recordSocialSupport(@Arg('input', () => RecordSocialSupportInput) input: RecordSocialSupportInput, @Ctx() ctx: SocialContext): Promise<SocialSupportEntity> {
    requirePermission(ctx, 'facts:write', 'social');
    return ctx.services.supports.record(ctx.principal, input);
  }

  @FieldResolver(() => SocialSupport, { description: 'Прекратить социальное обслуживание (или перенести окончание на более раннюю дату)' })
  endSocialSupport(@Arg('input', () => EndSocialPeriodInput) input: EndSocialPeriodInput, @Ctx() ctx: SocialContext): Promise<SocialSupportEntity> {
    requirePermission(ctx, 'facts:write', 'social');
    return ctx.services.supports.end(input);
  }

  @FieldResolver(() => SocialPatronage, { description: 'Записать начало социального патронажа (идемпотентно по idempotencyKey)' })
  recordPatronage(@Arg('input', () => RecordSocialPatronageInput) input: RecordSocialPatronageInput, @Ctx() ctx: SocialContext): Promise<PatronageEntity> {
    requirePermission(ctx, 'facts:write', 'social');
    return ctx.services.patronages.record(ctx.principal, input);
  }

  @FieldResolver(() => SocialPatronage, { description: 'Завершить патронаж (при смене вида — завершить и записать новый)' })
  endPatronage(@Arg('input', () => EndSocialPeriodInput) input: EndSocialPeriodInput, @Ctx() ctx: SocialContext): Promise<PatronageEntity> {
    requirePermission(ctx, 'facts:write', 'social');
    return ctx.services.patronages.end(input);
  }

  @FieldResolver(() => SocialBenefit, { description: 'Записать назначенное пособие или выплату (идемпотентно по idempotencyKey)' })
  recordBenefit(@Arg('input', () => RecordSocialBenefitInput) input: RecordSocialBenefitInput, @Ctx() ctx: SocialContext): Promise<BenefitEntity> {
    requirePermission(ctx, 'facts:write', 'social');
    return ctx.services.benefits.record(ctx.principal, input);
  }

  @FieldResolver(() => SocialBenefit, { description: 'Прекратить ежемесячную выплату (или перенести окончание на более раннюю дату)' })
  endBenefit(@Arg('input', () => EndSocialPeriodInput) input: EndSocialPeriodInput, @Ctx() ctx: SocialContext): Promise<BenefitEntity> {
    requirePermission(ctx, 'facts:write', 'social');
    return ctx.services.benefits.end(input);
  }

  @FieldResolver(() => SocialEmergencyReferral, { description: 'Записать информацию о ребенке во временном устройстве (Марий Эл, пп. 7.1 3) б), 7.2 3) г); идемпотентно по idempotencyKey)' })
  recordEmergencyReferral(@Arg('input', () => RecordEmergencyReferralInput) input: RecordEmergencyReferralInput, @Ctx() ctx: SocialContext): Promise<EmergencyReferralEntity> {
    requirePermission(ctx, 'facts:write', 'social');
    return ctx.services.emergencyReferrals.record(ctx.principal, input);
  }

  @FieldResolver(() => SocialEmergencyReferral, { description: 'Отметить передачу ребенка родителям или иным лицам (Марий Эл, пп. 7.2 3) е), 7.3)' })
  recordEmergencyHandover(@Arg('input', () => RecordEmergencyHandoverInput) input: RecordEmergencyHandoverInput, @Ctx() ctx: SocialContext): Promise<EmergencyReferralEntity> {
    requirePermission(ctx, 'facts:write', 'social');
    return ctx.services.emergencyReferrals.recordHandover(input);
  }

  @FieldResolver(() => SocialEmergencyReferral, { description: 'Отметить шаг экстренного порядка выполненным: дата и документ (Марий Эл, п. 7.3)' })
  markEmergencyStepDone(@Arg('input', () => MarkSocialEmergencyStepDoneInput) input: MarkSocialEmergencyStepDoneInput, @Ctx() ctx: SocialContext): Promise<EmergencyReferralEntity> {
    requirePermission(ctx, 'facts:write', 'social');
    return ctx.services.emergencyReferrals.markDone(ctx.principal, input);
  }
}
