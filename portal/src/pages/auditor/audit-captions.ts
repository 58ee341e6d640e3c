/** Russian words for the access log's codes (the same the hub prints in the subject access report's CSV). */
export const OUTCOME_CAPTIONS: Record<string, string> = { allowed: 'доступ предоставлен', partial: 'предоставлено частично', denied: 'в доступе отказано', failed: 'ошибка, сведения не выданы' };

export const PURPOSE_CAPTIONS: Record<string, string> = {
  INDIVIDUAL_PREVENTION: 'индивидуальная профилактическая работа',
  SOCIAL_SUPPORT: 'социальное сопровождение',
  SIGNAL_CHECK: 'проверка сигнала',
  DATA_BANK: 'ведение банка данных',
  EMERGENCY: 'угроза жизни или здоровью ребёнка',
  AUDIT: 'контроль доступа',
  REGISTRY: 'ведение реестра организаций',
};

export const ROLE_CAPTIONS: Record<string, string> = {
  kdn_secretary: 'ответственный секретарь КДН',
  kdn_chair: 'председатель КДН',
  kdn_member: 'член КДН',
  education_specialist: 'специалист образования',
  health_doctor: 'врач',
  police_inspector: 'инспектор ПДН',
  social_specialist: 'специалист соцзащиты',
  guardianship_specialist: 'специалист опеки',
  case_curator: 'куратор случая',
  bank_operator: 'оператор банка данных',
  auditor: 'аудитор',
  registry_admin: 'администратор реестра',
  agency_system: 'система ведомства',
  regional_sync: 'региональный банк данных',
};
