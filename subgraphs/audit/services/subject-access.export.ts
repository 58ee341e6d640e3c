import { Role } from '../../../auth/principal';
import { PURPOSE_CAPTIONS } from '../../../auth/access/purposes';
import { DataCategory } from '../../../auth/access/data-categories';
import { loadOrganisationRegistry } from '../../../auth/organisations/organisation-registry';
import { AGENCY_CAPTIONS } from '../../../schema/enums';
import { ExportColumn, ExportTimeZone, timeZoneOfMunicipality, toCsv } from '../../common/export';
import { AccessLogEntry } from '../types/audit.types';

/**
 * The subject access report as a parent reads it (after the Estonian Data Tracker): who looked at
 * the child's data, when, for which organisation, what and why, in Russian words, never in the
 * log's codes, and in the local time of the child's region, named in the heading.
 */
export type SubjectAccessEntry = AccessLogEntry & { organisation?: string | null; territories?: readonly string[] | null };

const ROLE_CAPTIONS: Record<Role, string> = {
  education_specialist: 'специалист образовательной организации',
  health_doctor: 'медицинский работник',
  police_inspector: 'инспектор ПДН',
  social_specialist: 'специалист социальной защиты',
  case_curator: 'куратор случая',
  guardianship_specialist: 'специалист органа опеки и попечительства',
  kdn_secretary: 'ответственный секретарь КДН и ЗП',
  kdn_member: 'член КДН и ЗП',
  kdn_chair: 'председатель КДН и ЗП',
  bank_operator: 'оператор банка данных',
  auditor: 'аудитор',
  registry_admin: 'администратор реестра организаций',
  agency_system: 'информационная система ведомства',
  regional_sync: 'региональный банк данных',
};

const CATEGORY_CAPTIONS: Record<DataCategory, string> = {
  identity: 'личные данные',
  contacts: 'адреса и контакты',
  documents: 'документы (СНИЛС)',
  education: 'образование',
  health: 'здоровье (специальная категория)',
  offences: 'правонарушения (специальная категория)',
  social: 'социальные сведения',
  housing: 'жилищные условия',
};

const SERVICE_CAPTIONS: Record<string, string> = { ...AGENCY_CAPTIONS, bank: 'Банк данных', audit: 'Журнал доступа' };

const OUTCOME_CAPTIONS: Record<string, string> = {
  allowed: 'доступ предоставлен',
  partial: 'предоставлено частично',
  denied: 'в доступе отказано',
  failed: 'ошибка, сведения не выданы',
};

/** The log's bases ("law:120-FZ-art9", "consent:<id>", "emergency:<id>") in words. */
function basisCaption(basis: string): string {
  if (basis === 'own-records') return 'собственные сведения ведомства';
  if (basis === 'law:120-FZ-art9') return 'закон: ст. 9 Федерального закона № 120-ФЗ (обмен сведениями в системе профилактики)';
  if (basis === 'law:120-FZ-art11') return 'закон: ст. 11 Федерального закона № 120-ФЗ (полномочия КДН и ЗП)';
  if (basis.startsWith('consent:')) return 'согласие законного представителя';
  if (basis.startsWith('emergency:')) return 'экстренный доступ: угроза жизни или здоровью ребёнка';
  return basis;
}

const COLUMNS: ReadonlyArray<ExportColumn<SubjectAccessEntry>> = [
  { key: 'at', heading: 'Дата и время', type: 'datetime' },
  { key: 'username', heading: 'Кто (учётная запись)', type: 'text' },
  { key: 'roles', heading: 'Роль', type: 'text', captions: ROLE_CAPTIONS },
  { key: 'organisation', heading: 'Организация', type: 'text', value: (e) => (e.organisation ? (loadOrganisationRegistry().find(e.organisation)?.name ?? e.organisation) : null) },
  { key: 'agency', heading: 'Ведомство', type: 'text', captions: AGENCY_CAPTIONS },
  { key: 'clientId', heading: 'Система (клиент)', type: 'text' },
  { key: 'service', heading: 'Сервис', type: 'text', captions: SERVICE_CAPTIONS },
  { key: 'purpose', heading: 'Цель', type: 'text', captions: PURPOSE_CAPTIONS },
  { key: 'caseNumber', heading: 'Номер дела', type: 'text' },
  { key: 'categories', heading: 'Категории данных', type: 'text', captions: CATEGORY_CAPTIONS },
  { key: 'basis', heading: 'Основание', type: 'text', value: (e) => [...new Set(e.basis.map(basisCaption))] },
  { key: 'outcome', heading: 'Итог', type: 'text', captions: OUTCOME_CAPTIONS },
  { key: 'emergency', heading: 'Экстренный доступ', type: 'boolean' },
];

/**
 * The zone to print in: the child's municipality when the auditor names it; otherwise the region
 * most of the log's entries served (their organisations' territories); Moscow time, said so, when
 * none is known.
 */
export function subjectAccessZone(entries: readonly SubjectAccessEntry[], municipality: string | null): ExportTimeZone {
  if (municipality) return timeZoneOfMunicipality(municipality);
  const regions = new Map<string, number>();
  for (const e of entries) for (const region of new Set((e.territories ?? []).map((t) => t.slice(0, 2)))) regions.set(region, (regions.get(region) ?? 0) + 1);
  const [top] = [...regions].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return timeZoneOfMunicipality(top ? `${top[0]}000000` : null);
}

export function subjectAccessCsv(entries: readonly SubjectAccessEntry[], timeZone: ExportTimeZone): string {
  return toCsv({ columns: COLUMNS, rows: entries, timeZone });
}
