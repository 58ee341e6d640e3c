import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { AgencyTrackItem, socialTrack, StepMark } from '../../../schema/calendar/agency-emergency-tracks';
import { authorizeSection } from '../../common/agency/section-access';
import { familyRecords } from '../../common/agency/agency-records.resolvers';
import { AgencyRecords } from '../../common/agency/agency-records.type';
import { Child } from '../child.reference';
import { BenefitEntity } from '../entities/benefit.entity';
import { DifficultSituationEntity } from '../entities/difficult-situation.entity';
import { EmergencyReferralEntity } from '../entities/emergency-referral.entity';
import { PatronageEntity } from '../entities/patronage.entity';
import { SocialSupportEntity } from '../entities/social-support.entity';
import { Family, SocialFamilyRecords } from '../family.reference';
import { SocialContext } from '../social.context';
import { DifficultSituation, SocialBenefit, SocialEmergencyReferral, SocialEmergencyStep, SocialPatronage, SocialProfile, SocialSupport } from '../types/social.types';

@Resolver(() => Child)
export class SocialChildResolver {
  @FieldResolver(() => SocialProfile, { nullable: true })
  async social(@Root() child: Child, @Ctx() ctx: SocialContext): Promise<Pick<SocialProfile, 'agency' | 'childId'>> {
    await authorizeSection(ctx, 'Child', child, 'social');
    return { agency: 'social', childId: child.id };
  }
}

/** Each list is one DataLoader: one statement per list per request, however many children are asked for. */
@Resolver(() => SocialProfile)
export class SocialProfileResolver {
  @FieldResolver(() => [DifficultSituation])
  difficultSituations(@Root() profile: SocialProfile, @Ctx() ctx: SocialContext): Promise<DifficultSituationEntity[]> {
    return ctx.facts.difficultSituations.load(profile.childId);
  }

  @FieldResolver(() => [SocialSupport])
  supports(@Root() profile: SocialProfile, @Ctx() ctx: SocialContext): Promise<SocialSupportEntity[]> {
    return ctx.facts.supports.load(profile.childId);
  }

  @FieldResolver(() => [SocialPatronage])
  patronages(@Root() profile: SocialProfile, @Ctx() ctx: SocialContext): Promise<PatronageEntity[]> {
    return ctx.facts.patronages.load(profile.childId);
  }

  @FieldResolver(() => [SocialBenefit])
  benefits(@Root() profile: SocialProfile, @Ctx() ctx: SocialContext): Promise<BenefitEntity[]> {
    return ctx.facts.benefits.load(profile.childId);
  }

  @FieldResolver(() => [SocialEmergencyReferral])
  emergencyReferrals(@Root() profile: SocialProfile, @Ctx() ctx: SocialContext): Promise<EmergencyReferralEntity[]> {
    return ctx.facts.emergencyReferrals.load(profile.childId);
  }
}

@Resolver(() => Family)
export class SocialFamilyResolver {
  @FieldResolver(() => SocialFamilyRecords, { nullable: true })
  social(@Root() family: Family, @Ctx() ctx: SocialContext): Promise<AgencyRecords> {
    return familyRecords('social', family, ctx);
  }
}

/** The social protection track's terms on the production calendar; the KDN report is shown only once the child was handed over. */
@Resolver(() => SocialEmergencyReferral)
export class SocialEmergencyTrackResolver {
  @FieldResolver(() => [SocialEmergencyStep])
  async emergencyTrack(@Root() referral: EmergencyReferralEntity, @Ctx() ctx: SocialContext): Promise<AgencyTrackItem[]> {
    const done: Record<string, StepMark> = {};
    for (const s of await ctx.facts.emergencySteps.load(referral.id)) done[s.step] = { doneOn: s.doneOn, documentRef: s.documentRef };
    return socialTrack(referral, done);
  }
}
