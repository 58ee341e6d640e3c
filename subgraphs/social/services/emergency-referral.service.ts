import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { SOCIAL_TRACK_STEPS, stepCheck } from '../../../schema/calendar/agency-emergency-tracks';
import { insertOnce } from '../../common/agency/insert-once';
import { requireKnownSubjects } from '../../common/agency/subject-state';
import { markTrackStepOnce } from '../../common/agency/track-step';
import { workingDaysFor } from '../../common/calendar-guard';
import { inputError, notFound } from '../../common/errors';
import * as v from '../../common/validation';
import { EmergencyReferralStepEntity } from '../entities/emergency-referral-step.entity';
import { EmergencyReferralEntity } from '../entities/emergency-referral.entity';
import { MarkSocialEmergencyStepDoneInput, RecordEmergencyHandoverInput, RecordEmergencyReferralInput } from '../types/social.inputs';
import { EARLIEST } from './period';

/**
 * The social protection emergency track (Mari El 7.3): the referral starts the survey's term; the
 * handover to the family, recorded once, starts the term of the information to the KDN.
 */
export class EmergencyReferralService {
  constructor(private readonly dataSource: DataSource) {}

  /** No event: the track is not on the family account card; the KDN reads it in the child's card. */
  async record(principal: Principal, input: RecordEmergencyReferralInput): Promise<EmergencyReferralEntity> {
    const receivedOn = v.date('input.receivedOn', input.receivedOn, { notInFuture: true, notBefore: EARLIEST });
    // The track counts working days from this date: refused now if the calendar cannot.
    workingDaysFor('input.receivedOn', receivedOn, 3);
    const row = {
      idempotencyKey: v.idempotencyKey('input.idempotencyKey', input.idempotencyKey),
      childId: v.uuid('input.childId', input.childId),
      receivedOn,
      referredBy: input.referredBy,
      description: v.text('input.description', input.description, 10_000),
    };
    await requireKnownSubjects(this.dataSource, row);
    return insertOnce(this.dataSource, EmergencyReferralEntity, principal, row, 'Ключ идемпотентности уже использован для другой записи (экстренный порядок)');
  }

  /** Once: the same handover again is a replay; another date or document is refused rather than moving the KDN's term. */
  async recordHandover(input: RecordEmergencyHandoverInput): Promise<EmergencyReferralEntity> {
    const id = v.uuid('input.referralId', input.referralId);
    const documentRef = v.text('input.documentRef', input.documentRef, 300);
    const repository = this.dataSource.getRepository(EmergencyReferralEntity);
    const referral = await repository.findOneBy({ id });
    if (!referral) throw notFound('Информация органу социальной защиты', id);
    const handedOverOn = v.date('input.handedOverOn', input.handedOverOn, { notInFuture: true, notBefore: referral.receivedOn });
    workingDaysFor('input.handedOverOn', handedOverOn, 3);
    if (referral.handedOverOn !== null) {
      if (referral.handedOverOn === handedOverOn && referral.handedOverTo === input.handedOverTo && referral.handoverDocumentRef === documentRef) return referral;
      throw inputError('input.handedOverOn', handedOverOn, 'emergencyHandover.alreadyRecorded', `передача уже отмечена: ${referral.handedOverOn}, ${referral.handoverDocumentRef}`);
    }
    await this.dataSource.transaction((em) =>
      em
        .createQueryBuilder()
        .update(EmergencyReferralEntity)
        .set({ handedOverOn, handedOverTo: input.handedOverTo, handoverDocumentRef: documentRef })
        .where('id = :id AND handed_over_on IS NULL', { id })
        .execute(),
    );
    const stored = await repository.findOneByOrFail({ id });
    if (stored.handedOverOn !== handedOverOn || stored.handoverDocumentRef !== documentRef) {
      throw inputError('input.handedOverOn', handedOverOn, 'emergencyHandover.alreadyRecorded', `передача уже отмечена: ${stored.handedOverOn}, ${stored.handoverDocumentRef}`);
    }
    return stored;
  }

  async markDone(principal: Principal, input: MarkSocialEmergencyStepDoneInput): Promise<EmergencyReferralEntity> {
    const id = v.uuid('input.referralId', input.referralId);
    const documentRef = v.text('input.documentRef', input.documentRef, 300);
    const referral = await this.dataSource.getRepository(EmergencyReferralEntity).findOneBy({ id });
    if (!referral) throw notFound('Информация органу социальной защиты', id);
    const check = stepCheck(SOCIAL_TRACK_STEPS, input.step, referral);
    if (!check.known) throw inputError('input.step', input.step, 'emergencyStep.unknown', `неизвестный шаг; допустимы: ${check.steps.join(', ')}`);
    if (check.from === null) throw inputError('input.step', input.step, 'emergencyStep.notApplicable', `шаг не применяется к этой записи: ${check.appliesWhen}`);
    const doneOn = v.date('input.doneOn', input.doneOn, { notInFuture: true, notBefore: check.from });
    await markTrackStepOnce(this.dataSource, EmergencyReferralStepEntity, principal, { recordId: id, step: input.step, doneOn, documentRef });
    return referral;
  }
}
