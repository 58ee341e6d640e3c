import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { authorizeSection } from '../../common/agency/section-access';
import { familyRecords } from '../../common/agency/agency-records.resolvers';
import { AgencyRecords } from '../../common/agency/agency-records.type';
import { Child } from '../child.reference';
import { DomesticIncidentEntity } from '../entities/domestic-incident.entity';
import { JuvenileRegistrationEntity } from '../entities/juvenile-registration.entity';
import { OffenceEntity } from '../entities/offence.entity';
import { Family } from '../family.reference';
import { PoliceContext } from '../police.context';
import { DomesticIncident, JuvenileRegistration, Offence, PoliceProfile } from '../types/police.types';

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
}

@Resolver(() => Family)
export class PoliceFamilyResolver {
  @FieldResolver(() => AgencyRecords, { nullable: true })
  police(@Root() family: Family, @Ctx() ctx: PoliceContext): Promise<AgencyRecords> {
    return familyRecords('police', family, ctx);
  }
}
