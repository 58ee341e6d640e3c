import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireAudited } from '../../../../auth/access/decide';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { OperatorReportService } from '../services/operator-report.service';
import { OperatorReport, RecordOperatorReportInput } from '../types/operator-report.types';

/**
 * The operator's quarterly report to the regional level, recorded by whoever fills the bank of
 * that municipality (register:write: the data bank operator, the KDN secretary of the territory);
 * recorded, it leaves dueItems.
 */
@Resolver(() => OperatorReport)
export class OperatorReportResolver {
  @Mutation(() => OperatorReport, {
    description:
      'Отметить передачу оператором банка данных ежеквартальной информации (списков) на региональный уровень не позднее 10 числа месяца, следующего за отчетным (Мясниковский район, п. 5.9; Марий Эл, п. 5.6, приложение № 7); повтор с теми же сведениями возвращает ту же отметку',
  })
  async recordOperatorReport(@Arg('input', () => RecordOperatorReportInput) input: RecordOperatorReportInput, @Ctx() ctx: BankContext): Promise<OperatorReport> {
    const municipality = v.oktmo('input.municipality', input.municipality);
    // Decided before anything is stored; the write's own transaction carries its audit entry.
    requireAudited(ctx, 'register:write', { subject: { municipality, participants: [] } });
    return new OperatorReportService(ctx.dataSource).record(ctx.principal, { ...input, municipality });
  }
}
