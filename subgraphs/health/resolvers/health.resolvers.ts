import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requirePermission } from '../../../auth/permissions';
import { authorizeSection } from '../../common/agency/section-access';
import { createAgencyMutationResolvers, createAgencyProfileResolver, familyRecords } from '../../common/agency/agency-records.resolvers';
import { AgencyRecords } from '../../common/agency/agency-records.type';
import { Child } from '../child.reference';
import { HealthStatusEntity } from '../entities/health-status.entity';
import { Family, HealthFamilyRecords } from '../family.reference';
import { HealthContext } from '../health.context';
import { HealthMutations, HealthProfile, HealthStatus, RecordHealthStatusInput } from '../types/health.types';

@Resolver(() => Child)
export class HealthChildResolver {
  @FieldResolver(() => HealthProfile, { nullable: true })
  async health(@Root() child: Child, @Ctx() ctx: HealthContext): Promise<Pick<HealthProfile, 'agency' | 'childId'>> {
    await authorizeSection(ctx, 'Child', child, 'health');
    return { agency: 'health', childId: child.id };
  }
}

@Resolver(() => HealthProfile)
export class HealthProfileResolver {
  @FieldResolver(() => HealthStatus, { nullable: true })
  async status(@Root() profile: HealthProfile, @Ctx() ctx: HealthContext): Promise<HealthStatusEntity | null> {
    const rows = await ctx.facts.healthStatus.load(profile.childId);
    return rows[0] ?? null;
  }
}

@Resolver(() => Family)
export class HealthFamilyResolver {
  @FieldResolver(() => HealthFamilyRecords, { nullable: true })
  health(@Root() family: Family, @Ctx() ctx: HealthContext): Promise<AgencyRecords> {
    return familyRecords('health', family, ctx);
  }
}

@Resolver(() => HealthMutations)
export class HealthFactsMutations {
  @FieldResolver(() => HealthStatus, { description: 'Передать сведения медицинской организации о ребёнке' })
  recordHealthStatus(@Arg('input', () => RecordHealthStatusInput) input: RecordHealthStatusInput, @Ctx() ctx: HealthContext): Promise<HealthStatusEntity> {
    requirePermission(ctx, 'facts:write', 'health');
    return ctx.services.healthStatus.record(ctx.principal, input);
  }
}

export const healthResolvers = [
  ...createAgencyMutationResolvers('health', HealthMutations),
  createAgencyProfileResolver(HealthProfile),
  HealthChildResolver,
  HealthProfileResolver,
  HealthFamilyResolver,
  HealthFactsMutations,
] as const;
