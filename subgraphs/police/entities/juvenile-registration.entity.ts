import { Column, Entity } from 'typeorm';
import { IdempotentRecord } from '../../common/agency/idempotent-record.entity';

/** A child's registration with a juvenile unit (учёт в ПДН), open until removed. */
@Entity({ name: 'juvenile_registration' })
export class JuvenileRegistrationEntity extends IdempotentRecord {
  /** Подразделение по делам несовершеннолетних. */
  @Column({ type: 'text' })
  unit: string;

  @Column({ name: 'registered_on', type: 'date' })
  registeredOn: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'removed_on', type: 'date', nullable: true })
  removedOn: string | null;

  @Column({ name: 'removal_reason', type: 'text', nullable: true })
  removalReason: string | null;

  @Column({ name: 'removed_by', type: 'text', nullable: true })
  removedBy: string | null;
}
