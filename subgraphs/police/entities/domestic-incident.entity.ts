import { Column, Entity } from 'typeorm';
import { IdempotentRecordBase } from '../../common/agency/idempotent-record.entity';

/** A domestic incident (семейно-бытовой конфликт) in the child's family that the police attended. */
@Entity({ name: 'domestic_incident' })
export class DomesticIncidentEntity extends IdempotentRecordBase {
  @Column({ name: 'family_id', type: 'uuid', nullable: true })
  familyId: string | null;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'measures_taken', type: 'text', nullable: true })
  measuresTaken: string | null;
}
