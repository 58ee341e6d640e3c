import { DataSource } from 'typeorm';
import { canonicalJson } from '../../../../auth/audit/canonical-json';
import { Organisation, RegistryData } from '../../../../auth/organisations/organisation';
import { RegistryIssue, validateRegistry } from '../../../../auth/organisations/registry-validation';
import { Principal } from '../../../../auth/principal';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';
import { RegistryChange, RetireOrganisationInput, SaveOrganisationInput, SystemOrganisationsInput } from '../types/registry.types';

/** What one change did to the document, and which part of it the administrator's input is. */
interface Edit {
  summary: string;
  /** `organisations[54]` -> `input`: issues inside the edited entry name the input's own fields. */
  fields: Array<[path: string, field: string]>;
  /** Issues elsewhere in the document (another organisation broken by this change) are reported here. */
  fallback: string;
}

interface VersionRow {
  version: string;
  document: RegistryData;
  change: string;
  changed_at: Date;
}

/**
 * The administrator's changes to the organisation registry. Each one is applied to the current
 * version, validated whole by the same rules as the file, and stored as the next version in one
 * transaction: a change that breaks any rule stores nothing. The write-audit subscriber appends
 * the access-log entry of that transaction (who, purpose, request id, `registry_version` written);
 * the row itself keeps what changed.
 */
export class RegistryAdminService {
  constructor(private readonly dataSource: DataSource) {}

  saveOrganisation(principal: Principal, requestId: string, input: SaveOrganisationInput): Promise<RegistryChange> {
    const entry: Organisation = {
      id: input.id,
      code: input.code,
      name: v.text('input.name', input.name, 500),
      type: input.type,
      kind: input.kind,
      region: input.region,
      territories: [...input.territories],
      parent: input.parent ?? null,
    };
    return this.change(principal, requestId, (document) => {
      const index = document.organisations.findIndex((o) => o.id === entry.id);
      if (index >= 0 && document.organisations[index].retiredOn) {
        throw inputError('input.id', entry.id, 'organisation.retired', 'организация исключена из реестра; её запись больше не меняется');
      }
      const at = index >= 0 ? index : document.organisations.length;
      document.organisations[at] = entry;
      return {
        summary: `${index >= 0 ? 'Изменена' : 'Добавлена'} организация ${entry.id} (${entry.code}): ${entry.name}`,
        fields: [[`organisations[${at}]`, 'input']],
        fallback: 'input.id',
      };
    });
  }

  retireOrganisation(principal: Principal, requestId: string, input: RetireOrganisationInput): Promise<RegistryChange> {
    const reason = v.text('input.reason', input.reason, 500);
    return this.change(principal, requestId, (document) => {
      const index = document.organisations.findIndex((o) => o.id === input.id);
      if (index < 0) throw inputError('input.id', input.id, 'organisation.known', 'организации с таким ОГРН нет в реестре организаций');
      const organisation = document.organisations[index];
      // Already retired: a retry stores nothing new.
      if (organisation.retiredOn) return null;
      document.organisations[index] = { ...organisation, retiredOn: new Date().toISOString().slice(0, 10) };
      return { summary: `Исключена организация ${organisation.id} (${organisation.code}): ${reason}`, fields: [], fallback: 'input.id' };
    });
  }

  setSystemOrganisations(principal: Principal, requestId: string, input: SystemOrganisationsInput): Promise<RegistryChange> {
    const name = input.name === null || input.name === undefined ? null : v.text('input.name', input.name, 500);
    return this.change(principal, requestId, (document) => {
      let index = document.systems.findIndex((s) => s.clientId === input.clientId);
      if (index < 0 && name === null) throw inputError('input.name', null, 'system.name', 'для новой системы укажите наименование');
      for (const [i, id] of input.organisationIds.entries()) {
        // Retired organisations may stay on a list as history, but nobody adds one.
        if (document.organisations.find((o) => o.id === id)?.retiredOn) throw inputError(`input.organisationIds[${i}]`, id, 'organisation.retired', 'организация исключена из реестра');
      }
      if (index < 0) index = document.systems.push({ clientId: input.clientId, name: name!, organisations: [] }) - 1;
      const system = document.systems[index];
      document.systems[index] = { ...system, name: name ?? system.name, organisations: [...input.organisationIds] };
      return {
        summary: `Перечень организаций системы ${input.clientId}: ${input.organisationIds.length}`,
        fields: [
          [`systems[${index}].organisations`, 'input.organisationIds'],
          [`systems[${index}].clientId`, 'input.clientId'],
        ],
        fallback: 'input.organisationIds',
      };
    });
  }

  /** `apply` edits a copy of the current document, or answers null when there is nothing to change. */
  private change(principal: Principal, requestId: string, apply: (document: RegistryData) => Edit | null): Promise<RegistryChange> {
    return this.dataSource.transaction(async (em) => {
      // One change at a time, each validated against the version it replaces; readers (registry_document) are not blocked.
      await em.query(`LOCK TABLE registry_version IN EXCLUSIVE MODE`);
      const [current] = (await em.query(`SELECT version, document, change, changed_at FROM registry_version ORDER BY version DESC LIMIT 1`)) as VersionRow[];
      const document = JSON.parse(JSON.stringify(current.document)) as RegistryData;
      const edit = apply(document);
      // Compared as canonical JSON: the stored document's key order is jsonb's, the edit's is ours.
      if (edit === null || canonicalJson(document) === canonicalJson(current.document)) {
        return { version: Number(current.version), changedAt: current.changed_at, change: current.change, changed: false };
      }
      const issues = validateRegistry(document);
      if (issues.length) throw registryError(issues, edit);
      const [row] = (await em.query(`INSERT INTO registry_version (version, document, change, changed_by, request_id) VALUES ($1, $2::jsonb, $3, $4, $5) RETURNING version, changed_at`, [
        Number(current.version) + 1,
        JSON.stringify(document),
        edit.summary,
        principal.username,
        requestId,
      ])) as Array<{ version: string; changed_at: Date }>;
      return { version: Number(row.version), changedAt: row.changed_at, change: edit.summary, changed: true };
    });
  }
}

/**
 * The first broken rule as the field error, its field named as the administrator sent it
 * (`input.territories[1]`); every other broken rule listed in `issues`, so one answer tells
 * everything to fix.
 */
function registryError(issues: RegistryIssue[], edit: Edit) {
  const located = issues.map((issue) => {
    const hit = edit.fields.find(([path]) => issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`));
    return hit
      ? { own: true, field: hit[1] + issue.path.slice(hit[0].length), value: issue.value, rule: issue.rule, message: issue.message }
      : { own: false, field: edit.fallback, value: issue.value, rule: issue.rule, message: `${issue.subject}: ${issue.message}` };
  });
  // What the administrator typed comes first; the entries this change would break, after.
  located.sort((a, b) => Number(b.own) - Number(a.own));
  const [first] = located;
  const error = inputError(first.field, first.value, first.rule, first.message);
  if (located.length > 1) Object.assign(error.extensions, { issues: located.map(({ field, rule, message }) => ({ field, rule, message })) });
  return error;
}
