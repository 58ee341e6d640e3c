import { Arg, Ctx, FieldResolver, Resolver } from 'type-graphql';
import { requirePermission } from '../../../auth/permissions';
import { DomesticIncidentEntity } from '../entities/domestic-incident.entity';
import { EmergencyResponseEntity } from '../entities/emergency-response.entity';
import { JuvenileRegistrationEntity } from '../entities/juvenile-registration.entity';
import { OffenceEntity } from '../entities/offence.entity';
import { PoliceContext } from '../police.context';
import {
  MarkPoliceEmergencyStepDoneInput,
  RecordDomesticIncidentInput,
  RecordEmergencyResponseInput,
  RecordOffenceInput,
  RegisterJuvenileInput,
  RemoveJuvenileRegistrationInput,
} from '../types/police.inputs';
import { DomesticIncident, JuvenileRegistration, Offence, PoliceEmergencyResponse, PoliceMutations } from '../types/police.types';

@Resolver(() => PoliceMutations)
export class PoliceFactsMutations {
  @FieldResolver(() => JuvenileRegistration, { description: 'Поставить несовершеннолетнего на учёт в ПДН (идемпотентно по idempotencyKey)' })
  registerJuvenile(@Arg('input', () => RegisterJuvenileInput) input: RegisterJuvenileInput, @Ctx() ctx: PoliceContext): Promise<JuvenileRegistrationEntity> {
    requirePermission(ctx, 'facts:write', 'police');
    return ctx.services.registrations.register(ctx.principal, input);
  }

  @FieldResolver(() => JuvenileRegistration, { description: 'Снять несовершеннолетнего с учёта в ПДН; повторное снятие отклоняется' })
  removeJuvenileRegistration(@Arg('input', () => RemoveJuvenileRegistrationInput) input: RemoveJuvenileRegistrationInput, @Ctx() ctx: PoliceContext): Promise<JuvenileRegistrationEntity> {
    requirePermission(ctx, 'facts:write', 'police');
    return ctx.services.registrations.remove(ctx.principal, input);
  }

  @FieldResolver(() => Offence, { description: 'Записать правонарушение, административное дело или преступление (идемпотентно по idempotencyKey)' })
  recordOffence(@Arg('input', () => RecordOffenceInput) input: RecordOffenceInput, @Ctx() ctx: PoliceContext): Promise<OffenceEntity> {
    requirePermission(ctx, 'facts:write', 'police');
    return ctx.services.offences.record(ctx.principal, input);
  }

  @FieldResolver(() => DomesticIncident, { description: 'Записать семейно-бытовой конфликт (идемпотентно по idempotencyKey)' })
  recordDomesticIncident(@Arg('input', () => RecordDomesticIncidentInput) input: RecordDomesticIncidentInput, @Ctx() ctx: PoliceContext): Promise<DomesticIncidentEntity> {
    requirePermission(ctx, 'facts:write', 'police');
    return ctx.services.domesticIncidents.record(ctx.principal, input);
  }

  @FieldResolver(() => PoliceEmergencyResponse, { description: 'Записать экстренные меры о ребенке в опасности (Марий Эл, п. 7.2; идемпотентно по idempotencyKey)' })
  recordEmergencyResponse(@Arg('input', () => RecordEmergencyResponseInput) input: RecordEmergencyResponseInput, @Ctx() ctx: PoliceContext): Promise<EmergencyResponseEntity> {
    requirePermission(ctx, 'facts:write', 'police');
    return ctx.services.emergencyResponses.record(ctx.principal, input);
  }

  @FieldResolver(() => PoliceEmergencyResponse, { description: 'Отметить шаг экстренных мер выполненным: дата и документ (Марий Эл, п. 7.2)' })
  markEmergencyStepDone(@Arg('input', () => MarkPoliceEmergencyStepDoneInput) input: MarkPoliceEmergencyStepDoneInput, @Ctx() ctx: PoliceContext): Promise<EmergencyResponseEntity> {
    requirePermission(ctx, 'facts:write', 'police');
    return ctx.services.emergencyResponses.markDone(ctx.principal, input);
  }
}
