import { attachmentChanged, localDate } from '../../common/agency/agency-event';
import { Upserted } from '../../common/agency/upsert-current';
import { NewEvent } from '../../common/events/hub-event';
import { HealthStatusEntity } from '../entities/health-status.entity';

/**
 * What the data bank learns from a clinic's report on a child: only the attachment to the clinic
 * and its paediatric district (kind CLINIC, aggregateId = the health-status row, one per child),
 * when the row is new or the clinic, district or date of attachment changed. Check-ups, health
 * group, disability and care concerns are health data of a special category (152-ФЗ art. 10):
 * they stay with the clinic and are read through the gateway under its access check. The health
 * subgraph keeps no register of its own, so it writes no Registration events.
 */
export function healthStatusEvents({ before, after }: Upserted<HealthStatusEntity>): NewEvent[] {
  const same = before !== null && before.clinicName === after.clinicName && before.clinicDistrict === after.clinicDistrict && localDate(before.attachedSince) === localDate(after.attachedSince);
  if (same) return [];
  return [
    attachmentChanged({
      id: after.id,
      agency: 'health',
      childId: after.childId,
      familyId: null,
      kind: 'CLINIC',
      organisation: after.clinicName,
      detail: after.clinicDistrict,
      since: localDate(after.attachedSince),
      until: null,
      period: null,
    }),
  ];
}
