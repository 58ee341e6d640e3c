import { sopReasonText } from '../../../../schema/catalogue/sop-criteria';
import { KdnCaseEntity } from '../entities/kdn-case.entity';
import type { KdnCase } from '../types/kdn-case.types';
import { criteriaViews, MemberInstructionView, RegistrationReasonView, SopSubject } from '../types/sop.types';
import { lowRiskRouteOpen } from './member-instruction.service';
import { detectingBodyOf } from './sop-register.service';

/** The case's SOP fields: the criteria of its conclusion, the reason for registration, the detecting body, the instruction. */
export function sopFieldsOf(row: KdnCaseEntity): Pick<KdnCase, 'sopCriteria' | 'registrationReason' | 'detectingBody' | 'instruction'> {
  return {
    sopCriteria: criteriaViews(row.conclusion?.sopCriteria),
    registrationReason: registrationReasonOf(row.resolution?.registrationReason),
    detectingBody: detectingBodyOf(row),
    instruction: (row.instruction as unknown as MemberInstructionView | null) ?? null,
  };
}

/** The low-risk step is the region's: offered only where it applies (see lowRiskRouteOpen). */
export function withLowRiskAction(row: KdnCaseEntity, actions: string[]): string[] {
  return lowRiskRouteOpen(row) ? [...actions, 'instructMember'] : actions;
}

/** The reason for registration a resolution recorded (resolution.registrationReason), as shown and printed. */
export function registrationReasonOf(stored: unknown): RegistrationReasonView | null {
  if (!stored || typeof stored !== 'object') return null;
  const reason = stored as { criteria?: string[]; note?: string | null; subject?: string };
  return {
    criteria: criteriaViews(reason.criteria),
    note: reason.note ?? null,
    subject: (reason.subject as SopSubject) ?? SopSubject.FAMILY,
    text: sopReasonText(reason.criteria ?? [], reason.note) ?? '',
  };
}
