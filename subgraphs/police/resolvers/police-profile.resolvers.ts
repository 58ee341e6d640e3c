import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AgencyTrackItem, policeTrack, StepMark } from '../../../schema/calendar/agency-emergency-tracks';
import { authorizeSection } from '../../common/agency/section-access';
import { familyRecords } from '../../common/agency/agency-records.resolvers';
import { AgencyRecords } from '../../common/agency/agency-records.type';
import { Child } from '../child.reference';
import { DomesticIncidentEntity } from '../entities/domestic-incident.entity';
import { EmergencyResponseEntity } from '../entities/emergency-response.entity';
import { JuvenileRegistrationEntity } from '../entities/juvenile-registration.entity';
import { OffenceEntity } from '../entities/offence.entity';
import { Family, PoliceFamilyRecords } from '../family.reference';
import { PoliceContext } from '../police.context';
import { DomesticIncident, JuvenileRegistration, Offence, PoliceEmergencyResponse, PoliceEmergencyStep, PoliceProfile } from '../types/police.types';

@Resolver(() => Child)
export class PoliceChildResolver {
  @FieldResolver(() => PoliceProfile, { nullable: true })
  async police(@Root() child: Child, @Ctx() ctx: PoliceContext): Promise<Pick<PoliceProfile, 'agency' | 'childId'>> {
    await authorizeSection(ctx, 'Child', child, 'police');
    return { agency: 'police', childId: child.id };
  }
}

@Resolver(() => PoliceProfile)
export class PoliceProfileResolver {
  @FieldResolver(() => Boolean)
  async onJuvenileRegister(@Root() profile: PoliceProfile, @Ctx() ctx: PoliceContext): Promise<boolean> {
    // Same loader as `registrations`: asking for both costs one statement.
    const rows = await ctx.facts.registrations.load(profile.childId);
    return rows.some((row) => row.removedOn === null);
  }

  @FieldResolver(() => [JuvenileRegistration])
  registrations(@Root() profile: PoliceProfile, @Ctx() ctx: PoliceContext): Promise<JuvenileRegistrationEntity[]> {
    return ctx.facts.registrations.load(profile.childId);
  }

  @FieldResolver(() => [Offence])
  offences(@Root() profile: PoliceProfile, @Ctx() ctx: PoliceContext): Promise<OffenceEntity[]> {
    return ctx.facts.offences.load(profile.childId);
  }

  @FieldResolver(() => [DomesticIncident])
  domesticIncidents(@Root() profile: PoliceProfile, @Ctx() ctx: PoliceContext): Promise<DomesticIncidentEntity[]> {
    return ctx.facts.domesticIncidents.load(profile.childId);
  }

  @FieldResolver(() => [PoliceEmergencyResponse])
  emergencyResponses(@Root() profile: PoliceProfile, @Ctx() ctx: PoliceContext): Promise<EmergencyResponseEntity[]> {
    return ctx.facts.emergencyResponses.load(profile.childId);
  }
}

/** The police track's terms on the production calendar; a step is shown only where its rule applies (no delivery, no delivery steps). */
@Resolver(() => PoliceEmergencyResponse)
export class PoliceEmergencyTrackResolver {
  @FieldResolver(() => [PoliceEmergencyStep])
  async emergencyTrack(@Root() response: EmergencyResponseEntity, @Ctx() ctx: PoliceContext): Promise<AgencyTrackItem[]> {
    const done: Record<string, StepMark> = {};
    for (const s of await ctx.facts.emergencySteps.load(response.id)) done[s.step] = { doneOn: s.doneOn, documentRef: s.documentRef };
    return policeTrack(response, done);
  }
}

@Resolver(() => Family)
export class PoliceFamilyResolver {
  @FieldResolver(() => PoliceFamilyRecords, { nullable: true })
  police(@Root() family: Family, @Ctx() ctx: PoliceContext): Promise<AgencyRecords> {
    return familyRecords('police', family, ctx);
  }
}
