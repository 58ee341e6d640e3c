import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requireAudited } from '../../../../auth/access/decide';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { QuarterlyRegisterList, RegisterReconciliation } from '../types/register-export.types';

/** Checks the three arguments, each naming its own field, before anything is read. */
function period(municipality: string, year: number, quarter: number): { municipality: string; year: number; quarter: number } {
  return {
    municipality: v.oktmo('municipality', municipality),
    year: v.integerRange('year', year, 2000, 2100),
    quarter: v.integerRange('quarter', quarter, 1, 4),
  };
}

/**
 * What the data bank's operator sends and settles every quarter: the list of appendix 8 for the
 * regional bank, and the reconciliation with the agencies. Territory-scoped: the operator or KDN
 * secretary of the municipality (register:read); each family and child listed is audited.
 */
@Resolver()
export class RegisterExportResolver {
  @Query(() => QuarterlyRegisterList, { description: 'Квартальный список несовершеннолетних и семей в СОП (приложение № 8, Марий Эл): строки, CSV и XLSX' })
  async quarterlyRegisterList(
    @Arg('municipality') municipality: string,
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int) quarter: number,
    @Ctx() ctx: BankContext,
  ): Promise<QuarterlyRegisterList> {
    const p = period(municipality, year, quarter);
    requireAudited(ctx, 'register:read', { subject: { municipality: p.municipality, participants: [] } });
    const list = await ctx.services.quarterlyList.build(p.municipality, p.year, p.quarter);
    for (const id of list.familyIds) ctx.audit.subject('Family', id);
    for (const id of list.childIds) ctx.audit.subject('Child', id);
    return {
      municipality: list.municipality,
      year: list.year,
      quarter: list.quarter,
      from: list.from,
      to: list.to,
      headings: list.headings,
      rows: list.rows,
      csv: list.csv,
      xlsxBase64: list.xlsx.toString('base64'),
      notes: list.notes,
    };
  }

  @Query(() => RegisterReconciliation, { description: 'Квартальная сверка банка данных СОП с учётами ведомств: расхождения и итоги по ведомствам' })
  async registerReconciliation(
    @Arg('municipality') municipality: string,
    @Arg('year', () => Int) year: number,
    @Arg('quarter', () => Int) quarter: number,
    @Ctx() ctx: BankContext,
  ): Promise<RegisterReconciliation> {
    const p = period(municipality, year, quarter);
    requireAudited(ctx, 'register:read', { subject: { municipality: p.municipality, participants: [] } });
    const result = await ctx.services.reconciliation.reconcile(p.municipality, p.year, p.quarter);
    for (const id of result.familyIds) ctx.audit.subject('Family', id);
    for (const id of result.childIds) ctx.audit.subject('Child', id);
    const { familyIds: _families, childIds: _children, xlsx, ...answer } = result;
    return { ...answer, xlsxBase64: xlsx.toString('base64') };
  }
}
