import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { requirePermission } from '../../../auth/permissions';
import { authorizeSection } from '../../common/agency/section-access';
import { AgencyContext } from '../../common/agency/agency.context';
import { createAgencyMutationResolvers, createAgencyProfileResolver, familyRecords } from '../../common/agency/agency-records.resolvers';
import { AgencyRecords } from '../../common/agency/agency-records.type';
import { Child } from '../child.reference';
import { Family, EducationFamilyRecords } from '../family.reference';
import { EducationLoaders } from '../loaders/education.loaders';
import { SchoolStatusEntity } from '../entities/school-status.entity';
import { SchoolStatusService } from '../services/school-status.service';
import { EducationMutations, EducationProfile, RecordSchoolStatusInput, SchoolStatus } from '../types/education.types';

type EducationContext = AgencyContext<EducationLoaders, { schoolStatus: SchoolStatusService }>;

@Resolver(() => Child)
export class EducationChildResolver {
  @FieldResolver(() => EducationProfile, { nullable: true })
  async education(@Root() child: Child, @Ctx() ctx: EducationContext): Promise<Pick<EducationProfile, 'agency' | 'childId'>> {
    await authorizeSection(ctx, 'Child', child, 'education');
    return { agency: 'education', childId: child.id };
  }
}

@Resolver(() => EducationProfile)
export class EducationProfileResolver {
  @FieldResolver(() => SchoolStatus, { nullable: true })
  async schoolStatus(@Root() profile: EducationProfile, @Ctx() ctx: EducationContext): Promise<SchoolStatusEntity | null> {
    const rows = await ctx.facts.schoolStatus.load(profile.childId);
    return rows[0] ?? null;
  }
}

@Resolver(() => Family)
export class EducationFamilyResolver {
  @FieldResolver(() => EducationFamilyRecords, { nullable: true })
  education(@Root() family: Family, @Ctx() ctx: EducationContext): Promise<AgencyRecords> {
    return familyRecords('education', family, ctx);
  }
}

@Resolver(() => EducationMutations)
export class EducationFactsMutations {
  @FieldResolver(() => SchoolStatus, { description: 'Передать сведения школы об учащемся' })
  recordSchoolStatus(@Arg('input', () => RecordSchoolStatusInput) input: RecordSchoolStatusInput, @Ctx() ctx: EducationContext): Promise<SchoolStatusEntity> {
    requirePermission(ctx, 'facts:write', 'education');
    return ctx.services.schoolStatus.record(ctx.principal, input);
  }
}

export const educationResolvers = [
  ...createAgencyMutationResolvers('education', EducationMutations),
  createAgencyProfileResolver(EducationProfile),
  EducationChildResolver,
  EducationProfileResolver,
  EducationFamilyResolver,
  EducationFactsMutations,
] as const;
