import { Arg, ClassType, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { AgencyCode } from '../../../auth/principal';
import { requirePermission } from '../../../auth/permissions';
import { authorizeSection, SubjectReference } from './section-access';
import { AGENCY_CAPTIONS } from '../../../schema/enums';
import { AgencyContext } from './agency.context';
import { AgencyProfileBase } from './agency-profile.type';
import { AgencyRecords } from './agency-records.type';
import { CancelMeasureInput, RecordMeasureInput, UpdateMeasureInput } from './measure.input';
import { Measure } from './measure.type';
import { CancelSignalInput, ReportSignalInput, UpdateSignalInput } from './signal.input';
import { Signal } from './signal.type';

/**
 * Mutations of one agency live under its own namespace (`mutation { education { reportSignal } }`):
 * federation needs each root field in exactly one subgraph, and agency systems read the
 * namespace as "whose record is this".
 */
export function createAgencyMutationResolvers<T extends object>(agency: AgencyCode, Namespace: ClassType<T>) {
  @Resolver()
  class AgencyMutationRoot {
    @Mutation(() => Namespace, { name: agency, description: `Записи ведомства: ${AGENCY_CAPTIONS[agency]}` })
    namespace(): object {
      return { agency };
    }
  }

  @Resolver(() => Namespace)
  class AgencyRecordMutations {
    @FieldResolver(() => Signal, { description: 'Сообщить о сигнале (идемпотентно по idempotencyKey)' })
    async reportSignal(@Arg('input', () => ReportSignalInput) input: ReportSignalInput, @Ctx() ctx: AgencyContext): Promise<Signal> {
      requirePermission(ctx, 'signal:write', agency);
      return ctx.services.signals.toView(await ctx.services.signals.report(ctx.principal, input));
    }

    @FieldResolver(() => Signal, { description: 'Исправить сигнал' })
    async updateSignal(@Arg('input', () => UpdateSignalInput) input: UpdateSignalInput, @Ctx() ctx: AgencyContext): Promise<Signal> {
      requirePermission(ctx, 'signal:write', agency);
      return ctx.services.signals.toView(await ctx.services.signals.update(input));
    }

    @FieldResolver(() => Signal, { description: 'Отозвать сигнал, поданный по ошибке' })
    async cancelSignal(@Arg('input', () => CancelSignalInput) input: CancelSignalInput, @Ctx() ctx: AgencyContext): Promise<Signal> {
      requirePermission(ctx, 'signal:write', agency);
      return ctx.services.signals.toView(await ctx.services.signals.cancel(input));
    }

    @FieldResolver(() => Measure, { description: 'Записать мероприятие (идемпотентно по idempotencyKey)' })
    async recordMeasure(@Arg('input', () => RecordMeasureInput) input: RecordMeasureInput, @Ctx() ctx: AgencyContext): Promise<Measure> {
      requirePermission(ctx, 'measure:write', agency);
      return ctx.services.measures.toView(await ctx.services.measures.record(ctx.principal, input));
    }

    @FieldResolver(() => Measure, { description: 'Изменить мероприятие, отметить исполнение' })
    async updateMeasure(@Arg('input', () => UpdateMeasureInput) input: UpdateMeasureInput, @Ctx() ctx: AgencyContext): Promise<Measure> {
      requirePermission(ctx, 'measure:write', agency);
      return ctx.services.measures.toView(await ctx.services.measures.update(input));
    }

    @FieldResolver(() => Measure, { description: 'Отменить мероприятие' })
    async cancelMeasure(@Arg('input', () => CancelMeasureInput) input: CancelMeasureInput, @Ctx() ctx: AgencyContext): Promise<Measure> {
      requirePermission(ctx, 'measure:write', agency);
      return ctx.services.measures.toView(await ctx.services.measures.cancel(input));
    }
  }

  return [AgencyMutationRoot, AgencyRecordMutations] as const;
}

/** Signals and measures inside an agency's section of a child's view, batched per request. */
export function createAgencyProfileResolver<T extends AgencyProfileBase>(Profile: ClassType<T>) {
  @Resolver(() => Profile)
  class AgencyProfileRecordsResolver {
    @FieldResolver(() => [Signal], { description: 'Сигналы ведомства о ребёнке' })
    async signals(@Root() profile: AgencyProfileBase, @Ctx() ctx: AgencyContext): Promise<Signal[]> {
      const rows = await ctx.records.signalsByChild.load(profile.childId);
      return rows.map((row) => ctx.services.signals.toView(row));
    }

    @FieldResolver(() => [Measure], { description: 'Мероприятия ведомства для ребёнка' })
    async measures(@Root() profile: AgencyProfileBase, @Ctx() ctx: AgencyContext): Promise<Measure[]> {
      const rows = await ctx.records.measuresByChild.load(profile.childId);
      return rows.map((row) => ctx.services.measures.toView(row));
    }
  }
  return AgencyProfileRecordsResolver;
}

/** A family's records at one agency (signals and measures that name the family), where the caller may read them. */
export async function familyRecords(agency: AgencyCode, family: SubjectReference, ctx: AgencyContext): Promise<AgencyRecords> {
  await authorizeSection(ctx, 'Family', family, agency);
  const [signals, measures] = await Promise.all([ctx.records.signalsByFamily.load(family.id), ctx.records.measuresByFamily.load(family.id)]);
  return {
    agency,
    signals: signals.map((row) => ctx.services.signals.toView(row)),
    measures: measures.map((row) => ctx.services.measures.toView(row)),
  };
}
