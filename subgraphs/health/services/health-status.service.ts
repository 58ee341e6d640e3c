import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { appendEvents } from '../../common/agency/agency-event';
import { upsertCurrent } from '../../common/agency/upsert-current';
import { inputError } from '../../common/errors';
import * as v from '../../common/validation';
import { HealthStatusEntity } from '../entities/health-status.entity';
import { CareConcern } from '../types/health.enums';
import { RecordHealthStatusInput } from '../types/health.types';
import { healthStatusEvents } from './health-status.events';
import { requireKnownSubjects } from '../../common/agency/subject-state';

const NAME_MAX = 300;
const DISTRICT_MAX = 100;
const NOTE_MAX = 2000;
/** Nobody on the register today was born before this; older dates are typing errors. */
const EARLIEST = '2000-01-01';
const CONCERN_ORDER = Object.values(CareConcern);

export class HealthStatusService {
  constructor(private readonly dataSource: DataSource) {}

  /** Upsert by child: the clinic re-sends its current picture, we keep the latest. */
  async record(principal: Principal, input: RecordHealthStatusInput): Promise<HealthStatusEntity> {
    const row = {
      childId: v.uuid('input.childId', input.childId),
      clinicName: v.text('input.clinicName', input.clinicName, NAME_MAX),
      clinicDistrict: v.optionalText('input.clinicDistrict', input.clinicDistrict, DISTRICT_MAX),
      attachedSince: optionalDate('input.attachedSince', input.attachedSince),
      ...checkup(input),
      ...disability(input),
      ...careConcerns(input),
      updatedBy: principal.subject,
    };
    await requireKnownSubjects(this.dataSource, row);
    // The change and what the data bank learns of it (the clinic attachment) commit together.
    return this.dataSource.transaction(async (em) => {
      const change = await upsertCurrent(em, HealthStatusEntity, { childId: row.childId }, row);
      await appendEvents(em, healthStatusEvents(change));
      return change.after;
    });
  }
}

function optionalDate(field: string, value: string | null | undefined): string | null {
  return value ? v.date(field, value, { notInFuture: true, notBefore: EARLIEST }) : null;
}

/** The group of health is set at the check-up, so one without the other is a gap in the sender's record. */
function checkup(input: RecordHealthStatusInput) {
  const lastCheckupOn = optionalDate('input.lastCheckupOn', input.lastCheckupOn);
  const healthGroup = input.healthGroup ?? null;
  if (lastCheckupOn && !healthGroup) {
    throw inputError('input.healthGroup', null, 'checkup.healthGroup', 'укажите группу здоровья, установленную на осмотре');
  }
  if (healthGroup && !lastCheckupOn) {
    throw inputError('input.lastCheckupOn', null, 'checkup.date', 'группа здоровья указывается вместе с датой осмотра');
  }
  return { lastCheckupOn, healthGroup };
}

function disability(input: RecordHealthStatusInput) {
  const disabledSince = optionalDate('input.disabledSince', input.disabledSince);
  const disabilityGroup = input.disabilityGroup ?? null;
  if (input.disabled && !disabledSince) {
    throw inputError('input.disabledSince', null, 'disability.since', 'укажите дату установления инвалидности');
  }
  if (!input.disabled && disabledSince) {
    throw inputError('input.disabledSince', disabledSince, 'disability.notDisabled', 'дата указывается только при установленной инвалидности (disabled: true)');
  }
  if (!input.disabled && disabilityGroup) {
    throw inputError('input.disabilityGroup', disabilityGroup, 'disability.notDisabled', 'группа указывается только при установленной инвалидности (disabled: true)');
  }
  return { disabled: input.disabled, disabledSince, disabilityGroup };
}

function careConcerns(input: RecordHealthStatusInput) {
  // Stored deduplicated in the enum's order, so a re-sent picture compares equal however the sender ordered it.
  const given = new Set(input.careConcerns);
  const concerns = CONCERN_ORDER.filter((c) => given.has(c));
  const careConcernNote = v.optionalText('input.careConcernNote', input.careConcernNote, NOTE_MAX);
  if (given.has(CareConcern.OTHER) && !careConcernNote) {
    throw inputError('input.careConcernNote', input.careConcernNote ?? null, 'careConcern.otherNote', 'при признаке OTHER опишите его в примечании');
  }
  return { careConcerns: concerns, careConcernNote };
}
