import { emergencyTrack, StepDone, TrackStep } from '../../../schema/calendar/emergency-track';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { authorizeSection } from '../../common/agency/section-access';
import { familyRecords } from '../../common/agency/agency-records.resolvers';
import { AgencyRecords } from '../../common/agency/agency-records.type';
import { Child } from '../child.reference';
import { GuardianshipStatusEntity } from '../entities/guardianship-status.entity';
import { HousingInspectionEntity } from '../entities/housing-inspection.entity';
import { RemovalActEntity } from '../entities/removal-act.entity';
import { Family, GuardianshipFamilyRecords } from '../family.reference';
import { GuardianshipContext } from '../guardianship.context';
import { EmergencyTrackItem, GuardianshipProfile, GuardianshipStatus, HousingInspection, RemovalAct } from '../types/guardianship.types';

@Resolver(() => Child)
export class GuardianshipChildResolver {
  @FieldResolver(() => GuardianshipProfile, { nullable: true })
  async guardianship(@Root() child: Child, @Ctx() ctx: GuardianshipContext): Promise<Pick<GuardianshipProfile, 'agency' | 'childId'>> {
    await authorizeSection(ctx, 'Child', child, 'guardianship');
    return { agency: 'guardianship', childId: child.id };
  }
}

/** Each field is one DataLoader: one statement per field per request, however many children are asked for. */
@Resolver(() => GuardianshipProfile)
export class GuardianshipProfileResolver {
  @FieldResolver(() => [HousingInspection])
  inspections(@Root() profile: GuardianshipProfile, @Ctx() ctx: GuardianshipContext): Promise<HousingInspectionEntity[]> {
    return ctx.facts.inspections.load(profile.childId);
  }

  @FieldResolver(() => [RemovalAct])
  removals(@Root() profile: GuardianshipProfile, @Ctx() ctx: GuardianshipContext): Promise<RemovalActEntity[]> {
    return ctx.facts.removals.load(profile.childId);
  }

  @FieldResolver(() => GuardianshipStatus, { nullable: true })
  async status(@Root() profile: GuardianshipProfile, @Ctx() ctx: GuardianshipContext): Promise<GuardianshipStatusEntity | null> {
    const rows = await ctx.facts.status.load(profile.childId);
    return rows[0] ?? null;
  }
}

@Resolver(() => Family)
export class GuardianshipFamilyResolver {
  @FieldResolver(() => GuardianshipFamilyRecords, { nullable: true })
  guardianship(@Root() family: Family, @Ctx() ctx: GuardianshipContext): Promise<AgencyRecords> {
    return familyRecords('guardianship', family, ctx);
  }
}

/** The emergency track's deadlines, computed on the production calendar from the act's date. */
@Resolver(() => RemovalAct)
export class RemovalActTrackResolver {
  @FieldResolver(() => [EmergencyTrackItem])
  async emergencyTrack(@Root() act: RemovalActEntity, @Ctx() ctx: GuardianshipContext): Promise<EmergencyTrackItem[]> {
    const done: Partial<Record<TrackStep, StepDone>> = { PROSECUTOR_NOTIFIED: act.prosecutorNotifiedAt ? act.prosecutorNotifiedAt.toISOString() : null };
    // A step marked with its date and document wins over the bare notice moment of the act.
    for (const s of await ctx.services.emergencySteps.stepsOf(act.id)) done[s.step as TrackStep] = { doneOn: s.doneOn, documentRef: s.documentRef };
    // Shown only where the rule applies: no register step for a child handed to the other parent.
    return emergencyTrack(act.removedOn, done, undefined, act.placementKind);
  }
}
