import { Role } from '../principal';

/**
 * Purposes of use (the X-Hub-Purpose header, like X-Road's issue header): every request for
 * personal data states one, and each role may state only the purposes of its work.
 */
export const PURPOSES = ['INDIVIDUAL_PREVENTION', 'SOCIAL_SUPPORT', 'SIGNAL_CHECK', 'DATA_BANK', 'EMERGENCY', 'AUDIT', 'REGISTRY'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const PURPOSE_CAPTIONS: Record<Purpose, string> = {
  INDIVIDUAL_PREVENTION: 'индивидуальная профилактическая работа',
  SOCIAL_SUPPORT: 'социальное сопровождение',
  SIGNAL_CHECK: 'проверка сигнала',
  DATA_BANK: 'ведение банка данных',
  EMERGENCY: 'угроза жизни или здоровью ребёнка',
  AUDIT: 'контроль доступа',
  REGISTRY: 'ведение реестра организаций',
};

const AGENCY_WORK: Purpose[] = ['INDIVIDUAL_PREVENTION', 'SOCIAL_SUPPORT', 'SIGNAL_CHECK', 'EMERGENCY'];

export const ROLE_PURPOSES: Record<Role, readonly Purpose[]> = {
  agency_system: ['INDIVIDUAL_PREVENTION', 'SOCIAL_SUPPORT', 'SIGNAL_CHECK'],
  education_specialist: AGENCY_WORK,
  health_doctor: AGENCY_WORK,
  police_inspector: AGENCY_WORK,
  social_specialist: AGENCY_WORK,
  case_curator: AGENCY_WORK,
  guardianship_specialist: AGENCY_WORK,
  kdn_secretary: ['INDIVIDUAL_PREVENTION', 'SIGNAL_CHECK', 'DATA_BANK', 'EMERGENCY'],
  kdn_member: ['INDIVIDUAL_PREVENTION', 'SIGNAL_CHECK', 'EMERGENCY'],
  kdn_chair: ['INDIVIDUAL_PREVENTION', 'SIGNAL_CHECK', 'DATA_BANK', 'EMERGENCY'],
  bank_operator: ['DATA_BANK'],
  auditor: ['AUDIT'],
  registry_admin: ['REGISTRY'],
  regional_sync: ['DATA_BANK'],
};

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && (PURPOSES as readonly string[]).includes(value);
}

export function purposeAllowed(roles: readonly Role[], purpose: Purpose): boolean {
  return roles.some((role) => ROLE_PURPOSES[role].includes(purpose));
}
