import { DataSource } from 'typeorm';

/**
 * The monitoring report of Primorsky appendix 4, computed from the case register for one
 * municipality and period (cases received in the period; closures dated in it). Rows the hub
 * does not hold yet (reports to law enforcement, removals, which guardianship records) are given
 * as null with the reason, never as a made-up zero.
 */
export interface ReportRow {
  code: string;
  caption: string;
  value: number | null;
  note?: string;
}

const SOURCE_ROWS: Array<[string, string, string[]]> = [
  ['1.1', '- из ОВД', ['POLICE']],
  ['1.2', '- из образовательных организаций и учреждений', ['EDUCATION']],
  ['1.3', '- из учреждений здравоохранения', ['HEALTH']],
  ['1.4', '- из краевых государственных учреждений социального обслуживания семьи и детей', ['SOCIAL']],
  ['1.5', '- из территориальных органов опеки и попечительства', ['GUARDIANSHIP']],
  ['1.6', '- из учреждений сферы молодёжной политики', ['YOUTH']],
  ['1.7', '- из учреждений сферы физической культуры и спорта', ['SPORT']],
  ['1.8', '- из других ведомств и организаций', ['OTHER_ORGANISATION']],
  ['1.9', '- от граждан', ['RELATIVES', 'NEIGHBOURS', 'CHILD', 'PARENT']],
  ['1.10', '- иные источники', ['ANONYMOUS', 'HOTLINE', 'MEDIA']],
];

const CLOSURE_ROWS: Array<[string, string, string[]]> = [
  ['6.1', '- улучшения ситуации', ['PROGRAMME_DONE', 'RIGHTS_RESTORED']],
  ['6.2', '- внесения в банк данных о семьях и несовершеннолетних, находящихся в СОП', ['MOVED_TO_SOP']],
  ['6.3', '- лишения родительских прав', ['PARENTAL_RIGHTS_RESTRICTED']],
  ['6.4', '- смены места жительства', ['MOVED_AWAY']],
  ['6.5', '- достижения детьми 18 лет', ['TURNED_18']],
  ['6.6', '- другое', ['DEATH', 'CHILD_DEATH', 'PARENTS_DEATH', 'CIVIL_STATUS_CHANGED', 'OTHER', 'ANNULLED_BY_COURT', 'REFUSED_TO_COOPERATE', 'NO_INTERAGENCY_WORK']],
];

const AGENCY_ROWS: Array<[string, string, string]> = [
  ['7.1', '- обеспечивающих деятельность муниципальных комиссий', 'kdn'],
  ['7.2', '- территориальных органов опеки и попечительства', 'guardianship'],
  ['7.3', '- краевых государственных учреждений социального обслуживания семьи и детей', 'social'],
  ['7.4', '- образовательных организаций и учреждений', 'education'],
  ['7.5', '- учреждений здравоохранения', 'health'],
  ['7.6', '- представители иных учреждений (ОВД)', 'police'],
];

export class MonitoringReportService {
  constructor(private readonly dataSource: DataSource) {}

  async compute(municipality: string, from: string, to: string): Promise<ReportRow[]> {
    const params = [municipality, from, to];
    // An annulled registration was a mistake and a merged case a duplicate: neither is a signal of its own.
    const inPeriod = `municipality = $1 AND received_on BETWEEN $2 AND $3 AND state NOT IN ('ANNULLED', 'MERGED')`;
    const bySource = new Map<string, number>(
      (await this.dataSource.query(`SELECT source_kind, count(*)::int AS n FROM kdn_case WHERE ${inPeriod} GROUP BY source_kind`, params)).map((r: { source_kind: string; n: number }) => [r.source_kind, r.n]),
    );
    const [checks] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE conclusion IS NOT NULL)::int AS done,
              count(*) FILTER (WHERE conclusion->>'kind' = 'FAVOURABLE')::int AS favourable,
              count(*) FILTER (WHERE conclusion->>'kind' = 'EARLY_STAGE')::int AS early,
              count(*) FILTER (WHERE conclusion->>'kind' = 'SOCIALLY_DANGEROUS')::int AS dangerous
       FROM kdn_case WHERE ${inPeriod}`,
      params,
    );
    const closures = new Map<string, number>(
      (
        await this.dataSource.query(
          `SELECT closure_reason, count(*)::int AS n FROM kdn_case WHERE municipality = $1 AND state = 'CLOSED' AND closed_on BETWEEN $2 AND $3 AND conclusion->>'kind' = 'EARLY_STAGE' GROUP BY closure_reason`,
          params,
        )
      ).map((r: { closure_reason: string; n: number }) => [r.closure_reason, r.n]),
    );
    const specialists = new Map<string, number>(
      (
        await this.dataSource.query(
          `SELECT e.actor_agency, count(DISTINCT e.actor_sub)::int AS n FROM case_event e JOIN kdn_case c ON c.id = e.case_id
           WHERE c.municipality = $1 AND e.at::date BETWEEN $2 AND $3 AND e.actor_agency IS NOT NULL GROUP BY e.actor_agency`,
          params,
        )
      ).map((r: { actor_agency: string; n: number }) => [r.actor_agency, r.n]),
    );
    const sum = (map: Map<string, number>, keys: string[]) => keys.reduce((total, key) => total + (map.get(key) ?? 0), 0);
    const notHeld = 'хаб не ведёт этих сведений: они поступят от ведомств с событиями банка данных';
    return [
      { code: '1', caption: 'Всего полученных сигналов о детях, нуждающихся в государственной защите', value: [...bySource.values()].reduce((a, b) => a + b, 0) },
      ...SOURCE_ROWS.map(([code, caption, kinds]) => ({ code, caption, value: sum(bySource, kinds) })),
      { code: '2', caption: 'Всего проведено проверок сигналов', value: checks.done },
      { code: '3.1', caption: '- в семье благоприятная обстановка', value: checks.favourable },
      { code: '3.2', caption: '- семья на ранней стадии неблагополучия', value: checks.early },
      { code: '3.3', caption: '- семья находится в социально опасном положении', value: checks.dangerous },
      { code: '4', caption: 'Количество информаций в правоохранительные органы по выявленным фактам нарушения прав детей', value: null, note: notHeld },
      { code: '5', caption: 'Количество решений о немедленном отобрании', value: null, note: notHeld },
      { code: '6', caption: 'Количество семей на ранней стадии семейного неблагополучия, снятых с учёта', value: [...closures.values()].reduce((a, b) => a + b, 0) },
      ...CLOSURE_ROWS.map(([code, caption, reasons]) => ({ code, caption, value: sum(closures, reasons) })),
      { code: '7', caption: 'Количество специалистов, участвующих в реализации Порядка', value: [...specialists.values()].reduce((a, b) => a + b, 0) },
      ...AGENCY_ROWS.map(([code, caption, agency]) => ({ code, caption, value: specialists.get(agency) ?? 0 })),
    ];
  }
}

// The CSV and XLSX of the report: monitoring-report.export.ts (the export module).
