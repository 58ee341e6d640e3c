import { ROLES } from '../principal';
import { Condition, conditionsFor, OPERATION_CAPTIONS, OPERATIONS } from './permission-table';

const SHORT: Record<Condition, string> = { any: 'all', 'own-agency': 'own agency', territory: 'territory', participant: 'case', 'data-bank-operator': 'bank operator' };

/** The permission table as the markdown matrix the README shows (a test keeps the two equal). */
export function renderPermissionMatrix(): string {
  const header = `| role | ${OPERATIONS.join(' | ')} |`;
  const rule = `|---|${OPERATIONS.map(() => '---').join('|')}|`;
  const rows = ROLES.map(
    (role) =>
      `| ${role} | ${OPERATIONS.map(
        (op) =>
          conditionsFor(role, op)
            .map((c) => SHORT[c])
            .join(', ') || '—',
      ).join(' | ')} |`,
  );
  const legend = OPERATIONS.map((op) => `- \`${op}\`: ${OPERATION_CAPTIONS[op]}`);
  return [header, rule, ...rows, '', ...legend].join('\n');
}
