import { DataSource } from 'typeorm';
import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { SOURCE_KIND_CAPTIONS, SourceKind } from '../../../../schema/enums';

/**
 * The monitoring report of Primorsky appendix 4 («Мониторинг реализации межведомственного
 * взаимодействия ...»), for one municipality or for every municipality of a region, over a period
 * or cumulative from the start of the year («с нарастающим итогом», the appendix's footnote).
 *
 * How signals are counted (seed 000, Yugra: «4 628 сообщений о нарушении прав и законных
 * интересов 7 132 несовершеннолетних», the minors split by source adding up to 7,132): a journal
 * message counts once in the row of its source, and every child it names counts in that row's
 * minors. A later message about a child whose case is already open (an extra police signal, say)
 * is a message of its own: it counts in its source's row, messages and minors, though it opens no
 * new case (journal-message.service.ts). Checks, conclusions and the rest count cases, families,
 * acts and people, each as its row says.
 */
export interface ReportRow {
  code: string;
  caption: string;
  /** Messages (сообщений): only the rows of signals by source. */
  messages: number | null;
  /** The appendix's «количество»: minors for the signals, otherwise what the row counts. */
  value: number | null;
  note?: string | null;
}

export interface SourceFigure {
  sourceKind: string;
  caption: string;
  messages: number;
  minors: number;
}

export interface MonitoringFigures {
  municipalities: string[];
  from: string;
  to: string;
  rows: ReportRow[];
  sources: SourceFigure[];
}

export const REPORT_TITLE = 'Мониторинг реализации межведомственного взаимодействия по раннему выявлению и работе со случаем нарушения прав ребенка';

/** Captions as Primorsky appendix 4 prints them (seed 003), wrapped lines joined. */
const SOURCE_ROWS: Array<[string, string, string[]]> = [
  ['1.1', '- из ОВД', ['POLICE']],
  ['1.2', '- из образовательных организаций и учреждений:', ['EDUCATION']],
  ['1.3', '- из учреждений здравоохранения:', ['HEALTH']],
  ['1.4', '- краевых государственных учреждений социального обслуживания семьи и детей;', ['SOCIAL']],
  ['1.5', '- из территориальных органов опеки и попечительства', ['GUARDIANSHIP']],
  ['1.6', '- из учреждений сферы молодежной политики', ['YOUTH']],
  ['1.7', '- из учреждения сферы физической культуры и спорта', ['SPORT']],
  ['1.8', '- из др. ведомств и организаций (указать):', ['OTHER_ORGANISATION']],
  ['1.9', '- от граждан', ['RELATIVES', 'NEIGHBOURS', 'CHILD', 'PARENT']],
  // Every other source (a hotline, the media, anonymous, and any kind added later) is «иные источники».
  ['1.10', '- иные источники (указать)', []],
];

const CLOSURE_ROWS: Array<[string, string, string[]]> = [
  ['6.1', '- улучшения ситуации', ['PROGRAMME_DONE', 'RIGHTS_RESTORED']],
  ['6.2', '- внесения в банк данных о семьях и несовершеннолетних, находящихся в социально опасном положении', ['MOVED_TO_SOP']],
  ['6.3', '- лишение родительских прав', ['PARENTAL_RIGHTS_RESTRICTED']],
  ['6.4', '- смена места жительства', ['MOVED_AWAY']],
  ['6.5', '- достижение детьми 18 лет', ['TURNED_18']],
  // Every other reason: death, change of civil status, other, annulled by a court, refusal ...
  ['6.6', '- другое (указать)', []],
];

/** Agency types of the specialists' rows; any other type is «представители иных учреждений». */
const AGENCY_ROWS: Array<[string, string, string]> = [
  ['7.1', '- обеспечивающих деятельность муниципальных комиссий', 'kdn'],
  ['7.2', '- территориальных органов опеки и попечительства', 'guardianship'],
  ['7.3', '- краевых государственных учреждений социального обслуживания семьи и детей;', 'social'],
  ['7.4', '- образовательных организаций и учреждений', 'education'],
  ['7.5', '- учреждений здравоохранения', 'health'],
];

const EXCLUDED = `('ANNULLED', 'MERGED')`;

export class MonitoringReportService {
  constructor(private readonly dataSource: DataSource) {}

  /** The municipalities of a region as the organisation registry lists them; null for a region it does not know. */
  static regionMunicipalities(region: string): string[] | null {
    const found = loadOrganisationRegistry().data.regions.find((r) => r.code === region);
    return found ? found.municipalities.map((m) => m.oktmo) : null;
  }

  async compute(municipalities: string[], from: string, to: string): Promise<MonitoringFigures> {
    const p = [municipalities, from, to];
    // An annulled registration was a mistake and a merged case a duplicate: neither is a child of a message.
    const sourceRows: Array<{ source_kind: string; messages: number; minors: number }> = await this.dataSource.query(
      `SELECT m.source_kind, count(DISTINCT m.id)::int AS messages, count(*)::int AS minors
       FROM journal_message m JOIN journal_message_child mc ON mc.message_id = m.id JOIN kdn_case k ON k.id = mc.case_id
       WHERE m.municipality = ANY($1) AND m.received_on BETWEEN $2 AND $3 AND k.state NOT IN ${EXCLUDED}
       GROUP BY m.source_kind ORDER BY m.source_kind`,
      p,
    );
    const [checks] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE conclusion IS NOT NULL)::int AS done,
              count(*) FILTER (WHERE conclusion->>'kind' = 'FAVOURABLE')::int AS favourable,
              count(*) FILTER (WHERE conclusion->>'kind' = 'EARLY_STAGE')::int AS early,
              count(*) FILTER (WHERE conclusion->>'kind' = 'SOCIALLY_DANGEROUS')::int AS dangerous
       FROM kdn_case WHERE municipality = ANY($1) AND received_on BETWEEN $2 AND $3 AND state NOT IN ${EXCLUDED}`,
      p,
    );
    const [police] = await this.dataSource.query(
      `SELECT count(*)::int AS sent,
              count(*) FILTER (WHERE r.result_kind = 'CRIMINAL_CASE_OPENED')::int AS criminal,
              count(*) FILTER (WHERE r.result_kind = 'ADMINISTRATIVE_PROTOCOL')::int AS protocols
       FROM law_enforcement_report r JOIN kdn_case k ON k.id = r.case_id
       WHERE k.municipality = ANY($1) AND r.sent_on BETWEEN $2 AND $3`,
      p,
    );
    // Removal acts reach the bank as guardianship's events (RemovalActRecorded); the child's territory places them.
    const [removals] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM agency_record r JOIN person c ON c.id = r.child_id
       WHERE r.source = 'guardianship' AND r.aggregate_type = 'RemovalAct' AND c.municipality = ANY($1) AND (r.state->>'removedOn')::date BETWEEN $2 AND $3`,
      p,
    );
    // Families, not cases: children of one family closed by the same reason count once (a child in no family is a family of one).
    const closures: Array<{ reason: string; families: number }> = await this.dataSource.query(
      `SELECT k.closure_reason AS reason, count(DISTINCT coalesce(f.family_id, k.child_id))::int AS families
       FROM kdn_case k LEFT JOIN LATERAL (SELECT family_id FROM family_member WHERE person_id = k.child_id ORDER BY family_id LIMIT 1) f ON true
       WHERE k.municipality = ANY($1) AND k.state = 'CLOSED' AND k.closed_on BETWEEN $2 AND $3 AND k.conclusion->>'kind' = 'EARLY_STAGE'
       GROUP BY k.closure_reason`,
      p,
    );
    const [closedFamilies] = await this.dataSource.query(
      `SELECT count(DISTINCT coalesce(f.family_id, k.child_id))::int AS n
       FROM kdn_case k LEFT JOIN LATERAL (SELECT family_id FROM family_member WHERE person_id = k.child_id ORDER BY family_id LIMIT 1) f ON true
       WHERE k.municipality = ANY($1) AND k.state = 'CLOSED' AND k.closed_on BETWEEN $2 AND $3 AND k.conclusion->>'kind' = 'EARLY_STAGE'`,
      p,
    );
    // People who acted on the territory's cases in the period, by their organisation (the history records both).
    const specialists: Array<{ agency: string; organisation: string | null; n: number }> = await this.dataSource.query(
      `SELECT e.actor_agency AS agency, e.actor_organisation AS organisation, count(DISTINCT e.actor_sub)::int AS n
       FROM case_event e JOIN kdn_case c ON c.id = e.case_id
       WHERE c.municipality = ANY($1) AND e.at::date BETWEEN $2 AND $3 AND e.actor_agency IS NOT NULL
       GROUP BY e.actor_agency, e.actor_organisation ORDER BY e.actor_agency, e.actor_organisation`,
      p,
    );
    const [specialistTotal] = await this.dataSource.query(
      `SELECT count(DISTINCT e.actor_sub)::int AS n FROM case_event e JOIN kdn_case c ON c.id = e.case_id
       WHERE c.municipality = ANY($1) AND e.at::date BETWEEN $2 AND $3 AND e.actor_agency IS NOT NULL`,
      p,
    );

    const mapped = new Set(SOURCE_ROWS.flatMap(([, , kinds]) => kinds));
    const kindsOf = (kinds: string[]) => (kinds.length ? sourceRows.filter((r) => kinds.includes(r.source_kind)) : sourceRows.filter((r) => !mapped.has(r.source_kind)));
    const caption = (kind: string) => SOURCE_KIND_CAPTIONS[kind as SourceKind] ?? kind;
    const sumOf = (rows: typeof sourceRows, key: 'messages' | 'minors') => rows.reduce((total, r) => total + r[key], 0);
    // «(указать)»: the sources the row gathers, each with its figures.
    const listed = (rows: typeof sourceRows) => (rows.length ? rows.map((r) => `${caption(r.source_kind)}: ${r.messages} сообщ., ${r.minors} дет.`).join('; ') : null);

    const mappedReasons = new Set(CLOSURE_ROWS.flatMap(([, , reasons]) => reasons));
    const reasonsOf = (reasons: string[]) => (reasons.length ? closures.filter((c) => reasons.includes(c.reason)) : closures.filter((c) => !mappedReasons.has(c.reason)));

    const registry = loadOrganisationRegistry();
    const orgName = (id: string | null) => (id ? (registry.get(id)?.name ?? id) : 'организация не указана');
    const listedAgencies = new Set(AGENCY_ROWS.map(([, , agency]) => agency));
    const byOrganisation = (rows: typeof specialists) => (rows.length ? rows.map((r) => `${orgName(r.organisation)}: ${r.n}`).join('; ') : null);
    const agencyRow = (agency: string | null) => specialists.filter((s) => (agency ? s.agency === agency : !listedAgencies.has(s.agency)));

    const rows: ReportRow[] = [
      {
        code: '1',
        caption: 'Всего полученных сигналов о детях, нуждающихся в государственной защите (п. 3.1 Порядка), из них:',
        messages: sumOf(sourceRows, 'messages'),
        value: sumOf(sourceRows, 'minors'),
      },
      ...SOURCE_ROWS.map(([code, text, kinds]) => {
        const found = kindsOf(kinds);
        return { code, caption: text, messages: sumOf(found, 'messages'), value: sumOf(found, 'minors'), note: ['1.8', '1.9', '1.10'].includes(code) ? listed(found) : null };
      }),
      { code: '2', caption: 'Всего проведено проверок сигналов (п. 5.3. Порядка):', messages: null, value: checks.done },
      { code: '3', caption: 'Выводы из заключений по результатам проверок:', messages: null, value: checks.favourable + checks.early + checks.dangerous },
      { code: '3.1', caption: '- в семье благоприятная обстановка', messages: null, value: checks.favourable },
      { code: '3.2', caption: '- семья на ранней стадии неблагополучия', messages: null, value: checks.early },
      { code: '3.3', caption: '- семья находится в социально опасном положении', messages: null, value: checks.dangerous },
      { code: '4', caption: 'Количество информаций в правоохранительные органы по выявленным фактам нарушения прав детей (преступлениям, правонарушениям)', messages: null, value: police.sent },
      { code: '4.1', caption: '- результаты проверок (возбуждено уголовных дел, составлено административных протоколов)', messages: null, value: police.criminal + police.protocols },
      { code: '4.1.1', caption: 'возбуждено уголовных дел', messages: null, value: police.criminal },
      { code: '4.1.2', caption: 'составлено административных протоколов', messages: null, value: police.protocols },
      { code: '5', caption: 'Количество решений о немедленном отобрании:', messages: null, value: removals.n },
      { code: '6', caption: 'Количество семей на ранней стадии семейного неблагополучия, снятых с учета (обслуживания), в т.ч. по причинам:', messages: null, value: closedFamilies.n },
      ...CLOSURE_ROWS.map(([code, text, reasons]) => {
        const found = reasonsOf(reasons);
        return {
          code,
          caption: text,
          messages: null,
          value: found.reduce((t, c) => t + c.families, 0),
          note: code === '6.6' && found.length ? found.map((c) => `${c.reason}: ${c.families}`).join('; ') : null,
        };
      }),
      { code: '7', caption: 'Количество специалистов, участвующих в реализации Порядка, в т.ч. из числа:', messages: null, value: specialistTotal.n },
      ...AGENCY_ROWS.map(([code, text, agency]) => {
        const found = agencyRow(agency);
        return { code, caption: text, messages: null, value: found.reduce((t, s) => t + s.n, 0), note: byOrganisation(found) };
      }),
      (() => {
        const found = agencyRow(null);
        return { code: '7.6', caption: '- представители иных учреждений (указать)', messages: null, value: found.reduce((t, s) => t + s.n, 0), note: byOrganisation(found) };
      })(),
    ];
    const sources = sourceRows.map((r) => ({ sourceKind: r.source_kind, caption: caption(r.source_kind), messages: r.messages, minors: r.minors }));
    return { municipalities, from, to, rows, sources };
  }
}

// The CSV and XLSX of the report: monitoring-report.export.ts (the export module).
