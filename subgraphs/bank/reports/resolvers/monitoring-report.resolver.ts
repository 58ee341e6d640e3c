import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { requireAudited } from '../../../../auth/access/decide';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';
import { LocalDate } from '../../../../schema/scalars';
import { BankContext } from '../../bank.context';
import { monitoringReportCsv, monitoringReportXlsx } from '../services/monitoring-report.export';
import { MonitoringReportService } from '../services/monitoring-report.service';
import { MonitoringReport } from '../types/monitoring-report.types';

@Resolver()
export class MonitoringReportResolver {
  @Query(() => MonitoringReport, {
    description:
      'Отчёт мониторинга (Приморский край, приложение 4) по муниципальному образованию или по региону (все муниципальные образования региона в реестре организаций), за период или с нарастающим итогом с начала года',
  })
  async monitoringReport(
    @Arg('municipality', () => String, { nullable: true, description: 'ОКТМО муниципального образования' }) municipality: string | null,
    @Arg('region', () => String, { nullable: true, description: 'Код региона (две цифры): сводный отчёт по всем его муниципальным образованиям' }) region: string | null,
    @Arg('from', () => LocalDate) from: string,
    @Arg('to', () => LocalDate) to: string,
    @Arg('cumulative', { defaultValue: false, description: 'С нарастающим итогом: с 1 января года конца периода' }) cumulative: boolean,
    @Ctx() ctx: BankContext,
  ): Promise<MonitoringReport> {
    if ((municipality == null) === (region == null))
      throw inputError('municipality', municipality ?? region, 'report.scope', 'укажите либо муниципальное образование (municipality), либо регион (region)');
    let municipalities: string[];
    if (municipality != null) {
      municipalities = [v.oktmo('municipality', municipality)];
    } else {
      const found = /^\d{2}$/.test(region!) ? MonitoringReportService.regionMunicipalities(region!) : null;
      if (!found) throw inputError('region', region, 'region.known', 'региона с таким кодом нет в реестре организаций');
      municipalities = found;
    }
    // A regional report is read only by whom may read each of its municipalities' reports (the regional commission).
    for (const m of municipalities) requireAudited(ctx, 'report:read', { subject: { municipality: m, participants: [] } });
    const end = v.date('to', to);
    const start = cumulative ? `${end.slice(0, 4)}-01-01` : v.date('from', from);
    if (end < start) throw inputError('to', to, 'period.order', 'конец периода раньше начала');
    const figures = await ctx.services.reports.compute(municipalities, start, end);
    return {
      municipality: municipality ?? null,
      region: region ?? null,
      municipalities,
      from: start,
      to: end,
      cumulative,
      rows: figures.rows,
      sources: figures.sources,
      csv: monitoringReportCsv(figures.rows),
      xlsxBase64: (await monitoringReportXlsx(figures.rows, figures.sources)).toString('base64'),
    };
  }
}
