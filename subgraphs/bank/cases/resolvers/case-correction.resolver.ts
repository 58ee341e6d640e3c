import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { LocalDate } from '../../../../schema/scalars';
import { BankContext } from '../../bank.context';
import { CaseCorrectionService, termEndsOn } from '../services/case-correction.service';
import { ProgrammeRowInput } from '../services/programme.service';
import { AmendProgrammeInput, CaseCorrectionEnum, ChangeTermInput, CorrectRegistrationInput } from '../types/case-correction.types';
import { KdnCase } from '../types/kdn-case.types';
import { ProgrammeRow } from '../types/programme.types';
import { allowedCorrections } from '../workflow/case-corrections';
import { CaseState } from '../workflow/case-workflow';
import { caseForCaller, toCase } from './kdn-case.resolver';

/** The service holds no state of its own: built on the request's data source and the bank's card publisher. */
const corrections = (ctx: BankContext) => new CaseCorrectionService(ctx.dataSource, ctx.services.cards);

type CaseRoot = KdnCase & { mergedInto?: string | null; programmeVersion?: number; resolution?: Record<string, unknown> | null };
type RowRoot = ProgrammeRow & { version?: number; cancelledInVersion?: number | null; cancelledOn?: string | null; cancelReason?: string | null };

/**
 * Corrections of a case (workflow/case-corrections.ts): each first checks the caller may see the
 * case's child (the audited identity rule of every case step), then the correction's rule.
 */
@Resolver(() => KdnCase)
export class CaseCorrectionResolver {
  @Mutation(() => KdnCase, { description: 'Аннулировать ошибочную регистрацию (до постановления): сигналы возвращаются в журнал, ведомства отключаются от дела' })
  async annulRegistration(@Arg('caseId', () => ID) caseId: string, @Arg('reason') reason: string, @Ctx() ctx: BankContext): Promise<KdnCase> {
    const kase = await caseForCaller(ctx, caseId);
    return toCase(await corrections(ctx).annulRegistration(ctx.principal, kase.id, reason));
  }

  @Mutation(() => KdnCase, { description: 'Объединить два дела одного ребёнка: сигналы и записи второго переходят в первое, второе закрывается как объединённое; возвращает первое' })
  async mergeCases(
    @Arg('caseId', () => ID, { description: 'Дело, которое остаётся' }) caseId: string,
    @Arg('mergedCaseId', () => ID, { description: 'Дело, которое присоединяется (до постановления)' }) mergedCaseId: string,
    @Arg('reason') reason: string,
    @Ctx() ctx: BankContext,
  ): Promise<KdnCase> {
    const kept = await caseForCaller(ctx, caseId);
    const merged = await caseForCaller(ctx, mergedCaseId);
    return toCase(await corrections(ctx).mergeCases(ctx.principal, kept.id, merged.id, reason));
  }

  @Mutation(() => KdnCase, { description: 'Исправить дату поступления и (или) содержание сигнала; прежние значения остаются в истории, срок проверки пересчитывается' })
  async correctRegistration(@Arg('caseId', () => ID) caseId: string, @Arg('input', () => CorrectRegistrationInput) input: CorrectRegistrationInput, @Ctx() ctx: BankContext): Promise<KdnCase> {
    const kase = await caseForCaller(ctx, caseId);
    return toCase(await corrections(ctx).correctRegistration(ctx.principal, kase.id, { receivedOn: input.receivedOn, summary: input.summary }, input.reason));
  }

  @Mutation(() => KdnCase, { description: 'Продлить срок проверки (новый срок позже нынешнего)' })
  async extendCheck(@Arg('caseId', () => ID) caseId: string, @Arg('checkDue', () => LocalDate) checkDue: string, @Arg('reason') reason: string, @Ctx() ctx: BankContext): Promise<KdnCase> {
    const kase = await caseForCaller(ctx, caseId);
    return toCase(await corrections(ctx).extendCheck(ctx.principal, kase.id, checkDue, reason));
  }

  @Mutation(() => KdnCase, { description: 'Вернуть заключение на доработку: дело снова на проверке, заключение остаётся в истории' })
  async returnConclusion(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('reason') reason: string,
    @Arg('checkDue', () => LocalDate, { nullable: true, description: 'Новый срок проверки; по умолчанию — срок региона от сегодняшнего дня' }) checkDue: string | null,
    @Ctx() ctx: BankContext,
  ): Promise<KdnCase> {
    const kase = await caseForCaller(ctx, caseId);
    return toCase(await corrections(ctx).returnConclusion(ctx.principal, kase.id, reason, checkDue ?? null));
  }

  @Mutation(() => KdnCase, { description: 'Изменить утверждённую программу (председатель КДН): новая редакция, исполнители узнают о добавленных и отменённых мероприятиях' })
  async amendProgramme(@Arg('caseId', () => ID) caseId: string, @Arg('input', () => AmendProgrammeInput) input: AmendProgrammeInput, @Ctx() ctx: BankContext): Promise<KdnCase> {
    const kase = await caseForCaller(ctx, caseId);
    return toCase(await corrections(ctx).amendProgramme(ctx.principal, kase.id, { addRows: input.addRows as ProgrammeRowInput[], cancelRowNos: input.cancelRowNos }, input.reason));
  }

  @Mutation(() => KdnCase, { description: 'Продлить или сократить срок работы по случаю (срок в месяцах от постановления или дата окончания)' })
  async changeTerm(@Arg('caseId', () => ID) caseId: string, @Arg('input', () => ChangeTermInput) input: ChangeTermInput, @Ctx() ctx: BankContext): Promise<KdnCase> {
    const kase = await caseForCaller(ctx, caseId);
    return toCase(await corrections(ctx).changeTerm(ctx.principal, kase.id, { termMonths: input.termMonths, endsOn: input.endsOn }, input.reason));
  }

  @Mutation(() => KdnCase, { description: 'Возобновить ошибочно закрытый случай: прежнее состояние, ведомства снова подключены, запись банка данных восстановлена' })
  async reopenCase(@Arg('caseId', () => ID) caseId: string, @Arg('reason') reason: string, @Ctx() ctx: BankContext): Promise<KdnCase> {
    const kase = await caseForCaller(ctx, caseId);
    return toCase(await corrections(ctx).reopenCase(ctx.principal, kase.id, reason));
  }

  @FieldResolver(() => [CaseCorrectionEnum], { description: 'Исправления, допустимые в нынешнем состоянии (кто их вносит — см. README, «Corrections»)' })
  allowedCorrections(@Root() kase: CaseRoot): string[] {
    return allowedCorrections(kase.state as CaseState);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'Дело, с которым объединено это дело' })
  mergedIntoId(@Root() kase: CaseRoot): string | null {
    return kase.mergedInto ?? null;
  }

  @FieldResolver(() => Int, { description: 'Редакция программы: каждое изменение утверждённой программы добавляет одну' })
  programmeVersion(@Root() kase: CaseRoot): number {
    return kase.programmeVersion ?? 1;
  }

  @FieldResolver(() => LocalDate, { nullable: true, description: 'Окончание срока работы по случаю по постановлению (с учётом продления или сокращения)' })
  termEndsOn(@Root() kase: CaseRoot): string | null {
    return termEndsOn(kase.resolution ?? null);
  }
}

/** The version marks of a programme row: in which version it came, and whether a later one cancelled it. */
@Resolver(() => ProgrammeRow)
export class ProgrammeRowVersionResolver {
  @FieldResolver(() => Int, { description: 'Редакция программы, в которой мероприятие появилось' })
  version(@Root() row: RowRoot): number {
    return row.version ?? 1;
  }

  @FieldResolver(() => Boolean, { description: 'Мероприятие отменено изменением программы' })
  cancelled(@Root() row: RowRoot): boolean {
    return row.cancelledInVersion != null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Редакция программы, которой мероприятие отменено' })
  cancelledInVersion(@Root() row: RowRoot): number | null {
    return row.cancelledInVersion ?? null;
  }

  @FieldResolver(() => LocalDate, { nullable: true })
  cancelledOn(@Root() row: RowRoot): string | null {
    return row.cancelledOn ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Обоснование отмены' })
  cancelReason(@Root() row: RowRoot): string | null {
    return row.cancelReason ?? null;
  }
}
