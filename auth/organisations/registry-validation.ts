import { isOgrn, isOrganisationType, RegistryData } from './organisation';

/**
 * One rule the registry breaks: where in the document (`organisations[4].territories[1]`), the
 * value found, the rule and a sentence for the person who fixes it. The file at start and every
 * administrator's change are checked by the same rules, so the database never holds a registry
 * that a restart from the file would have refused.
 */
export interface RegistryIssue {
  path: string;
  value: unknown;
  rule: string;
  /** Whose entry it is, e.g. `организация school1-vlk`, for messages that stand on their own. */
  subject: string;
  message: string;
}

const CODE = /^[a-z0-9][a-z0-9-]{1,39}$/;
const KIND = /^[a-z][a-z0-9-]{1,39}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NAME_MAX = 500;

export function validateRegistry(data: RegistryData): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const issue = (path: string, value: unknown, rule: string, subject: string, message: string) => issues.push({ path, value, rule, subject, message });

  const regionOfOktmo = new Map<string, string>();
  for (const [i, r] of data.regions.entries()) {
    const subject = `регион ${r.code}`;
    if (!/^\d{2}$/.test(r.code)) issue(`regions[${i}].code`, r.code, 'region.code', subject, 'код региона должен состоять из 2 цифр');
    if (!isOrganisationType(r.dataBankOperator))
      issue(`regions[${i}].dataBankOperator`, r.dataBankOperator, 'region.dataBankOperator', subject, `неизвестный оператор банка данных ${r.dataBankOperator}`);
    for (const [j, m] of r.municipalities.entries()) {
      if (!/^\d{8}$/.test(m.oktmo)) issue(`regions[${i}].municipalities[${j}].oktmo`, m.oktmo, 'oktmo.format', subject, `ОКТМО ${m.oktmo} должен состоять из 8 цифр`);
      else if (regionOfOktmo.has(m.oktmo))
        issue(`regions[${i}].municipalities[${j}].oktmo`, m.oktmo, 'oktmo.unique', subject, `ОКТМО ${m.oktmo} уже относится к региону ${regionOfOktmo.get(m.oktmo)}`);
      else regionOfOktmo.set(m.oktmo, r.code);
    }
  }
  const regionCodes = new Set(data.regions.map((r) => r.code));

  const byId = new Map<string, { index: number; retired: boolean }>();
  const codes = new Map<string, string>();
  for (const [i, o] of data.organisations.entries()) {
    const at = `organisations[${i}]`;
    const subject = `организация ${o.code}`;
    if (!isOgrn(o.id)) issue(`${at}.id`, o.id, 'ogrn.checksum', subject, `${o.id} не является корректным ОГРН (13 цифр, последняя — контрольная)`);
    else if (byId.has(o.id)) issue(`${at}.id`, o.id, 'ogrn.unique', subject, `ОГРН ${o.id} повторяется`);
    else byId.set(o.id, { index: i, retired: Boolean(o.retiredOn) });
    if (!CODE.test(o.code ?? '')) issue(`${at}.code`, o.code, 'organisation.code', subject, 'код: латинские строчные буквы, цифры и дефис, от 2 до 40 символов');
    else if (codes.has(o.code) && codes.get(o.code) !== o.id) issue(`${at}.code`, o.code, 'organisation.codeUnique', subject, `код ${o.code} уже занят организацией ${codes.get(o.code)}`);
    else codes.set(o.code, o.id);
    if (!isOrganisationType(o.type)) issue(`${at}.type`, o.type, 'organisation.type', subject, `неизвестный тип ${o.type}`);
    if (!o.name?.trim()) issue(`${at}.name`, o.name, 'organisation.name', subject, 'нет наименования');
    else if (o.name.length > NAME_MAX) issue(`${at}.name`, o.name, 'organisation.name', subject, `наименование длиннее ${NAME_MAX} символов`);
    if (!KIND.test(o.kind ?? '')) issue(`${at}.kind`, o.kind, 'organisation.kind', subject, 'вид учреждения: латинские строчные буквы, цифры и дефис (school, clinic...)');
    if (!regionCodes.has(o.region)) issue(`${at}.region`, o.region, 'region.known', subject, `региона ${o.region} нет в реестре`);
    if (o.retiredOn != null && !DATE.test(o.retiredOn)) issue(`${at}.retiredOn`, o.retiredOn, 'date.format', subject, 'дата исключения в формате ГГГГ-ММ-ДД');
    if (!Array.isArray(o.territories) || o.territories.length === 0) {
      issue(`${at}.territories`, o.territories ?? null, 'territories.nonEmpty', subject, 'не указаны территории');
      continue;
    }
    const seen = new Set<string>();
    for (const [j, t] of o.territories.entries()) {
      const region = regionOfOktmo.get(t);
      if (region === undefined) issue(`${at}.territories[${j}]`, t, 'territory.known', subject, `территория ${t} не входит ни в один регион реестра`);
      else if (region !== o.region) issue(`${at}.territories[${j}]`, t, 'territory.region', subject, `территория ${t} вне региона ${o.region} (она в регионе ${region})`);
      else if (seen.has(t)) issue(`${at}.territories[${j}]`, t, 'territory.unique', subject, `территория ${t} указана дважды`);
      seen.add(t);
    }
  }

  for (const [i, o] of data.organisations.entries()) {
    if (!o.parent) continue;
    const at = `organisations[${i}].parent`;
    const subject = `организация ${o.code}`;
    const parent = byId.get(o.parent);
    if (!parent) issue(at, o.parent, 'parent.known', subject, `вышестоящая ${o.parent} не найдена`);
    else if (parent.index === i) issue(at, o.parent, 'parent.self', subject, 'организация не может быть вышестоящей для самой себя');
    // A body that acts answers to one that still exists: retire the subordinate bodies first, or re-attach them.
    else if (parent.retired && !o.retiredOn) issue(at, o.parent, 'parent.active', subject, `вышестоящая ${o.parent} исключена из реестра`);
  }

  const clients = new Set<string>();
  for (const [k, s] of data.systems.entries()) {
    const subject = `система ${s.clientId}`;
    if (!s.clientId?.trim()) issue(`systems[${k}].clientId`, s.clientId, 'system.clientId', subject, 'не указан идентификатор клиента (clientId)');
    else if (clients.has(s.clientId)) issue(`systems[${k}].clientId`, s.clientId, 'system.clientIdUnique', subject, `система ${s.clientId} указана дважды`);
    clients.add(s.clientId);
    const listed = new Set<string>();
    for (const [j, id] of s.organisations.entries()) {
      // Retired organisations may stay listed (the verifier refuses them): the list is history too.
      if (!byId.has(id)) issue(`systems[${k}].organisations[${j}]`, id, 'organisation.known', subject, `организация ${id} не найдена`);
      else if (listed.has(id)) issue(`systems[${k}].organisations[${j}]`, id, 'organisation.unique', subject, `организация ${id} указана дважды`);
      listed.add(id);
    }
  }
  return issues;
}
