import { Role } from '../principal';

/**
 * The hub's permission model, as data: for each role and operation, the conditions under which
 * it is allowed (any one suffices). The README's matrix is printed from this table and the
 * role-matrix test iterates over it; resolvers never hard-code a role.
 *
 * Conditions:
 * - `any`: always;
 * - `own-agency`: the records are of the caller's own agency type (a school writes school
 *   records), and when read, about a child of a territory the caller's organisation serves;
 * - `territory`: the child or family belongs to a territory the caller's organisation serves;
 * - `participant`: the caller's organisation takes part in an open case about the child or family;
 * - `data-bank-operator`: the caller's organisation is of the type the region's regulation names
 *   as the data bank's operator (guardianship or the KDN), for a child of its territories.
 */
export const OPERATIONS = [
  'identity:read',
  'records:read',
  'health:read',
  'offences:read',
  'identity:write',
  'participation:write',
  'consent:write',
  'emergency:open',
  'signal:write',
  'measure:write',
  'facts:write',
  'audit:read',
  'report:read',
  'register:read',
  'register:sync',
  'registry:write',
  'register:write',
  'petition:write',
  'petition:read',
] as const;
export type Operation = (typeof OPERATIONS)[number];

export const CONDITIONS = ['any', 'own-agency', 'territory', 'participant', 'data-bank-operator'] as const;
export type Condition = (typeof CONDITIONS)[number];

/** What each operation covers, for the README and for error messages. */
export const OPERATION_CAPTIONS: Record<Operation, string> = {
  'identity:read': 'личные данные ребёнка и семьи (банк)',
  'records:read': 'сигналы, мероприятия и сведения ведомства (образование, соцзащита, опека)',
  'health:read': 'раздел здравоохранения (специальная категория)',
  'offences:read': 'раздел ОВД: правонарушения, учёт ПДН (специальная категория)',
  'identity:write': 'регистрация человека и семьи',
  'participation:write': 'подключение ведомства к случаю и отключение',
  'consent:write': 'запись и отзыв согласия законного представителя',
  'emergency:open': 'экстренный доступ при угрозе жизни (с обоснованием, на 4 часа)',
  'signal:write': 'сигналы своего ведомства',
  'measure:write': 'мероприятия своего ведомства',
  'facts:write': 'сведения своего ведомства',
  'audit:read': 'журнал доступа, отчёт субъекту, проверка цепочки, разбор экстренных доступов',
  'report:read': 'отчёт мониторинга (сводные цифры без персональных данных) по своей территории',
  'register:read': 'банк данных СОП: учётные карточки, квартальный список, сверка с ведомствами',
  'register:sync': 'лента изменений банка данных для регионального банка (полная копия и изменения)',
  'registry:write': 'реестр организаций: добавление, изменение и исключение организаций, перечни организаций систем',
  'register:write': 'учётная карта семьи банка данных СОП: заполнение (оператор банка данных, секретарь КДН, куратор случая)',
  'petition:write': 'представление о постановке семьи на учёт в банк данных СОП и ходатайство о снятии (субъект профилактики)',
  'petition:read': 'представления и ходатайства по семье: КДН своей территории, ведомство — поданные своей организацией',
};

type Grants = Partial<Record<Operation, readonly Condition[]>>;

const AGENCY_WORKER: Grants = {
  'identity:read': ['territory', 'participant'],
  'consent:write': ['territory', 'participant'],
  'emergency:open': ['any'],
  'records:read': ['own-agency', 'participant'],
  'health:read': ['own-agency'],
  'offences:read': ['own-agency'],
  'identity:write': ['any'],
  'signal:write': ['own-agency'],
  'measure:write': ['own-agency'],
  'facts:write': ['own-agency'],
  // An agency asks the KDN to register (or remove) a family it serves or helps in a case (Myasnikovsky, appendices 6 and 7).
  'petition:write': ['territory', 'participant'],
  'petition:read': ['own-agency'],
};

const COMMISSION: Grants = {
  'report:read': ['territory'],
  'emergency:open': ['any'],
  'identity:read': ['territory'],
  'records:read': ['territory'],
  'health:read': ['territory'],
  'offences:read': ['territory'],
  'petition:read': ['territory'],
};

// Machines never break the glass and never speak for a parent.
const { 'emergency:open': _machinesNever, 'consent:write': _parentsOnly, ...AGENCY_SYSTEM } = AGENCY_WORKER;

export const PERMISSION_TABLE: Record<Role, Grants> = {
  agency_system: AGENCY_SYSTEM,
  education_specialist: AGENCY_WORKER,
  health_doctor: AGENCY_WORKER,
  police_inspector: AGENCY_WORKER,
  social_specialist: AGENCY_WORKER,
  // The curator coordinates every agency of the case, the special categories included.
  // Mari El 5.3: the curator draws up the family's account card (appendix 3) and sends it to the KDN.
  case_curator: { ...AGENCY_WORKER, 'health:read': ['own-agency', 'participant'], 'offences:read': ['own-agency', 'participant'], 'register:write': ['participant'] },
  // Guardianship decides on removal of a child and must see the child's health to do so.
  guardianship_specialist: { ...AGENCY_WORKER, 'health:read': ['own-agency', 'participant'] },
  kdn_secretary: { ...COMMISSION, 'identity:write': ['any'], 'participation:write': ['territory'], 'consent:write': ['territory'], 'register:read': ['territory'], 'register:write': ['territory'] },
  kdn_member: COMMISSION,
  kdn_chair: { ...COMMISSION, 'participation:write': ['territory'] },
  bank_operator: {
    'identity:read': ['data-bank-operator'],
    'records:read': ['data-bank-operator'],
    'identity:write': ['any'],
    'report:read': ['data-bank-operator'],
    'register:read': ['data-bank-operator'],
    'register:write': ['data-bank-operator'],
  },
  // Auditors read the audit log only, never case data.
  auditor: { 'audit:read': ['any'] },
  // The registry's administrator changes who exists and who may act for whom, never case data.
  registry_admin: { 'registry:write': ['any'] },
  // The regional bank's own system: the register's feed, nothing else.
  regional_sync: { 'register:sync': ['any'] },
};

export function conditionsFor(role: Role, operation: Operation): readonly Condition[] {
  return PERMISSION_TABLE[role][operation] ?? [];
}

/** Health and offence data are special categories (152-ФЗ art. 10): their sections have their own operations. */
export function sectionOperation(agency: string): Operation {
  if (agency === 'health') return 'health:read';
  if (agency === 'police') return 'offences:read';
  return 'records:read';
}

/** People who may open a record in an emergency (threat to life), with a justification; never machines or auditors. */
export const EMERGENCY_ROLES: ReadonlySet<Role> = new Set((Object.keys(PERMISSION_TABLE) as Role[]).filter((role) => conditionsFor(role, 'emergency:open').length > 0));
