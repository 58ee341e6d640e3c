import { GraphQLError } from 'graphql';
import { DataSource } from 'typeorm';
import { Principal } from '../../../../auth/principal';
import { citationText, REGION_NAMES, regionRule, REGION_RULES } from '../../../../schema/calendar/region-rules';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';
import { KdnCaseEntity } from '../entities/kdn-case.entity';
import { CASE_STATE_CAPTIONS, CaseState, INSTRUCT_MEMBER } from '../workflow/case-workflow';
import { recordCaseEvent } from './case-history';

export interface InstructMember {
  member: string;
  task: string;
  dueOn: string;
  instructedOn?: string | null;
}

/** Why the low-risk route is closed to a case, or null when the chair may instruct a member. */
export function lowRiskRouteRefusal(kase: Pick<KdnCaseEntity, 'municipality' | 'state' | 'conclusion' | 'suggestedRisk'>): { field: string; value: unknown; rule: string; message: string } | null {
  const rule = regionRule(kase.municipality, 'LOW_RISK_INSTRUCTION');
  if (!rule) {
    const where = REGION_RULES.filter((r) => r.key === 'LOW_RISK_INSTRUCTION').map((r) => `${REGION_NAMES[r.region]} (${citationText(r)})`);
    return {
      field: 'caseId',
      value: kase.municipality,
      rule: 'lowRisk.region',
      message: `поручение члену комиссии без постановления предусмотрено порядком только в регионах: ${where.join('; ')}; в регионе ${kase.municipality.slice(0, 2)} по заключению выносится постановление КДН (recordResolution)`,
    };
  }
  if (kase.state === 'CONCLUDED') {
    const kind = kase.conclusion?.kind;
    const danger = kase.conclusion?.dangerLevel;
    if (kind !== 'EARLY_STAGE' || danger !== 'LOW') {
      return {
        field: 'caseId',
        value: `${String(kind)}/${String(danger)}`,
        rule: 'lowRisk.level',
        message: `поручение члену комиссии — только при низком уровне риска (заключение EARLY_STAGE, уровень опасности LOW); по заключению ${String(kind)}, уровень ${String(danger)}, с семьёй работа организуется постановлением КДН (recordResolution)`,
      };
    }
  } else if (kase.state === 'REGISTERED') {
    const level = kase.suggestedRisk?.riskLevel;
    if (level !== 'POTENTIAL_RISK') {
      return {
        field: 'caseId',
        value: level ?? null,
        rule: 'lowRisk.level',
        message: level
          ? `по индикаторам сигнала уровень риска ${String(level)}, не низкий: назначьте проверку (assignCheck), работа организуется постановлением КДН`
          : 'уровень риска по сигналу не определён (нет индикаторов): назначьте проверку (assignCheck) и поручайте по её заключению',
      };
    }
  }
  return null;
}

/** Is the step open (the state, the region and the risk allow it): what allowedActions shows. */
export function lowRiskRouteOpen(kase: Pick<KdnCaseEntity, 'municipality' | 'state' | 'conclusion' | 'suggestedRisk'>): boolean {
  return INSTRUCT_MEMBER.from.includes(kase.state as CaseState) && lowRiskRouteRefusal(kase) === null;
}

/**
 * The Krasnoyarsk low-risk route (seed 001, III, 2 and 3): the chair instructs a commission member
 * to organise the work with the family; no resolution follows, so the case leaves the commission's
 * queue of decisions. Refused, naming why, outside the regions whose rule provides for it and where
 * the risk is not low.
 */
export class MemberInstructionService {
  constructor(private readonly dataSource: DataSource) {}

  async instruct(principal: Principal, kase: KdnCaseEntity, input: InstructMember): Promise<KdnCaseEntity> {
    const state = kase.state as CaseState;
    if (!INSTRUCT_MEMBER.from.includes(state)) {
      throw new GraphQLError(
        `Действие instructMember невозможно: случай в состоянии «${CASE_STATE_CAPTIONS[state] ?? state}» (${state}); поручение даётся по зарегистрированной информации или по заключению проверки`,
        {
          extensions: { code: 'ILLEGAL_TRANSITION', state, action: 'instructMember', allowed: [] },
        },
      );
    }
    if (!principal.roles.some((role) => INSTRUCT_MEMBER.roles.includes(role))) {
      throw new GraphQLError(`Недостаточно прав: поручение члену комиссии даёт председатель (секретарь) КДН — роли ${INSTRUCT_MEMBER.roles.join(', ')}`, {
        extensions: { code: 'FORBIDDEN', permission: 'case:instructMember', reason: 'role' },
      });
    }
    const refusal = lowRiskRouteRefusal(kase);
    if (refusal) throw inputError(refusal.field, refusal.value, refusal.rule, refusal.message);
    const member = v.text('input.member', input.member, 200);
    const task = v.text('input.task', input.task, 4_000);
    const today = new Date().toISOString().slice(0, 10);
    const instructedOn = input.instructedOn == null ? today : v.date('input.instructedOn', input.instructedOn, { notInFuture: true, notBefore: kase.receivedOn });
    const dueOn = v.date('input.dueOn', input.dueOn, { notBefore: instructedOn });
    const rule = regionRule(kase.municipality, 'LOW_RISK_INSTRUCTION')!;
    return this.dataSource.transaction(async (em) => {
      const [locked] = await em.query(`SELECT state FROM kdn_case WHERE id = $1 FOR UPDATE`, [kase.id]);
      if (locked.state !== kase.state) throw new GraphQLError(`Дело ${kase.number} изменилось: повторите действие`, { extensions: { code: 'CONFLICT' } });
      const from = kase.state;
      kase.instruction = {
        member,
        task,
        dueOn,
        instructedOn,
        instructedBy: principal.username,
        basis: `${REGION_NAMES[rule.region]}: ${rule.caption} (${rule.citation.seed}, разд. ${rule.citation.section}, подп. ${rule.citation.item ?? '—'})`,
      };
      kase.state = INSTRUCT_MEMBER.to;
      await em.getRepository(KdnCaseEntity).save(kase);
      await recordCaseEvent(em, kase.id, 'instructMember', from, kase.state, principal, { instruction: kase.instruction });
      return kase;
    });
  }
}
