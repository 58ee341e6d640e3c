import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { POLICE_TRACK_STEPS, stepCheck } from '../../../schema/calendar/agency-emergency-tracks';
import { insertOnce } from '../../common/agency/insert-once';
import { requireKnownSubjects } from '../../common/agency/subject-state';
import { markTrackStepOnce } from '../../common/agency/track-step';
import { workingDaysFor } from '../../common/calendar-guard';
import { inputError, notFound } from '../../common/errors';
import * as v from '../../common/validation';
import { EmergencyResponseStepEntity } from '../entities/emergency-response-step.entity';
import { EmergencyResponseEntity } from '../entities/emergency-response.entity';
import { EmergencyOrigin } from '../types/police.enums';
import { MarkPoliceEmergencyStepDoneInput, RecordEmergencyResponseInput } from '../types/police.inputs';
import { eventDate } from './police-dates';

/**
 * The police's emergency track (Mari El 7.2): the record says what happened and from which day the
 * terms run; each step is then marked done with its date and document by the police themselves.
 */
export class EmergencyResponseService {
  constructor(private readonly dataSource: DataSource) {}

  /** No event: emergency responses are not on the family account card; the KDN reads them in the child's card. */
  async record(principal: Principal, input: RecordEmergencyResponseInput): Promise<EmergencyResponseEntity> {
    const receivedOn = eventDate('input.receivedOn', input.receivedOn);
    // The track counts working days from this date: refused now if the calendar cannot.
    workingDaysFor('input.receivedOn', receivedOn, 3);
    const delivery = this.delivery(input, receivedOn);
    const row = {
      idempotencyKey: v.idempotencyKey('input.idempotencyKey', input.idempotencyKey),
      childId: v.uuid('input.childId', input.childId),
      receivedOn,
      origin: input.origin,
      ...delivery,
      description: v.text('input.description', input.description, 10_000),
    };
    await requireKnownSubjects(this.dataSource, row);
    return insertOnce(this.dataSource, EmergencyResponseEntity, principal, row, 'Ключ идемпотентности уже использован для другой записи (экстренные меры)');
  }

  /** Only a found neglected child is delivered (7.2 3) в)); place, day and act come together or not at all. */
  private delivery(input: RecordEmergencyResponseInput, receivedOn: string) {
    const given = [input.deliveredTo, input.deliveredOn, input.deliveryDocumentRef].filter((x) => x !== null && x !== undefined).length;
    if (given === 0) return { deliveredTo: null, deliveredOn: null, deliveryDocumentRef: null };
    if (input.origin !== EmergencyOrigin.NEGLECTED_CHILD_FOUND) {
      throw inputError(
        'input.deliveredTo',
        input.deliveredTo ?? null,
        'emergencyResponse.deliveryOnlyFound',
        'доставление в организацию указывается только для выявленного безнадзорного ребенка (Марий Эл, п. 7.2 3) в))',
      );
    }
    if (given !== 3) {
      const missing = input.deliveredTo == null ? 'input.deliveredTo' : input.deliveredOn == null ? 'input.deliveredOn' : 'input.deliveryDocumentRef';
      throw inputError(missing, null, 'emergencyResponse.deliveryComplete', 'при доставлении указываются место, дата и акт выявления и учета беспризорного и безнадзорного несовершеннолетнего');
    }
    const deliveredOn = v.date('input.deliveredOn', input.deliveredOn!, { notInFuture: true, notBefore: receivedOn });
    workingDaysFor('input.deliveredOn', deliveredOn, 3);
    return { deliveredTo: input.deliveredTo!, deliveredOn, deliveryDocumentRef: v.text('input.deliveryDocumentRef', input.deliveryDocumentRef!, 300) };
  }

  async markDone(principal: Principal, input: MarkPoliceEmergencyStepDoneInput): Promise<EmergencyResponseEntity> {
    const id = v.uuid('input.responseId', input.responseId);
    const documentRef = v.text('input.documentRef', input.documentRef, 300);
    const response = await this.dataSource.getRepository(EmergencyResponseEntity).findOneBy({ id });
    if (!response) throw notFound('Экстренные меры', id);
    const check = stepCheck(POLICE_TRACK_STEPS, input.step, response);
    if (!check.known) throw inputError('input.step', input.step, 'emergencyStep.unknown', `неизвестный шаг; допустимы: ${check.steps.join(', ')}`);
    if (check.from === null) throw inputError('input.step', input.step, 'emergencyStep.notApplicable', `шаг не применяется к этой записи: ${check.appliesWhen}`);
    const doneOn = v.date('input.doneOn', input.doneOn, { notInFuture: true, notBefore: check.from });
    await markTrackStepOnce(this.dataSource, EmergencyResponseStepEntity, principal, { recordId: id, step: input.step, doneOn, documentRef });
    return response;
  }
}
