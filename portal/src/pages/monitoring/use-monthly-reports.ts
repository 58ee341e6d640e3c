import { useEffect, useState } from 'react';
import type { HubError } from '../../api/hub-errors';
import type { HubResult } from '../../api/graphql-client';
import { useHub } from '../../api/hub-context';
import { ResultCache } from '../../api/result-cache';
import type { PortalMonitoringReportQuery } from '../../gql/graphql';
import { MONITORING_REPORT } from './monitoring.operations';
import type { MonthFigures, ReportMonth } from './monitoring-series';

export interface MonthlyReports {
  figures: MonthFigures[] | null;
  errors: HubError[];
  loading: boolean;
}

/**
 * One report per month, asked side by side through the portal's client and kept in its memory-only
 * cache (a number of queries that varies cannot be one hook call each). Any month that failed
 * fails the chart: a month missing would read as a month without messages.
 */
export function useMonthlyReports(municipality: string, months: readonly ReportMonth[], purpose: string, skip: boolean): MonthlyReports {
  const { client, cache } = useHub();
  const [state, setState] = useState<MonthlyReports>({ figures: null, errors: [], loading: false });
  const [generation, setGeneration] = useState(0);
  const monthsKey = months.map((m) => m.month).join(',');

  useEffect(() => cache.subscribe(() => setGeneration((g) => g + 1)), [cache]);

  useEffect(() => {
    if (skip || !municipality || months.length === 0) return;
    let live = true;
    setState({ figures: null, errors: [], loading: true });
    Promise.all(
      months.map(async (month) => {
        const variables = { municipality, from: month.from, to: month.to };
        const key = ResultCache.key('PortalMonitoringReport', variables, purpose);
        const cached = cache.get(key) as HubResult<PortalMonitoringReportQuery> | undefined;
        const result = cached ?? (await client.request(MONITORING_REPORT, variables, { purpose }));
        if (!cached && result.data) cache.set(key, result as HubResult<unknown>);
        return { month, result };
      }),
    ).then((answers) => {
      if (!live) return;
      const errors = answers.flatMap((a) => a.result.errors);
      const complete = answers.every((a) => a.result.data);
      setState({
        figures: complete ? answers.map((a) => ({ month: a.month, rows: a.result.data!.monitoringReport.rows, sources: a.result.data!.monitoringReport.sources })) : null,
        errors,
        loading: false,
      });
    });
    return () => {
      live = false;
    };
    // monthsKey stands for months: a new array of the same months asks nothing again.
  }, [municipality, monthsKey, purpose, skip, generation, client, cache]);

  return state;
}
