import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { IdempotentRow } from './idempotent-row';

/** A child's registration with a juvenile unit (учёт в ПДН), open until removed. */
@Entity({ name: 'juvenile_registration' })
export class JuvenileRegistrationEntity extends IdempotentRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

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

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
