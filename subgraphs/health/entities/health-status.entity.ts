import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The clinic's current picture of a child: one row per child, replaced on every report. */
@Entity({ name: 'health_status' })
export class HealthStatusEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  /** Поликлиника, к которой прикреплён ребёнок. */
  @Column({ name: 'clinic_name', type: 'text' })
  clinicName: string;

  /** Педиатрический участок. */
  @Column({ name: 'clinic_district', type: 'text', nullable: true })
  clinicDistrict: string | null;

  @Column({ name: 'attached_since', type: 'date', nullable: true })
  attachedSince: string | null;

  @Column({ name: 'last_checkup_on', type: 'date', nullable: true })
  lastCheckupOn: string | null;

  /** Assigned at the check-up, so present exactly when lastCheckupOn is. */
  @Column({ name: 'health_group', type: 'text', nullable: true })
  healthGroup: string | null;

  @Column({ type: 'boolean' })
  disabled: boolean;

  @Column({ name: 'disabled_since', type: 'date', nullable: true })
  disabledSince: string | null;

  @Column({ name: 'disability_group', type: 'text', nullable: true })
  disabilityGroup: string | null;

  @Column({ name: 'care_concerns', type: 'text', array: true })
  careConcerns: string[];

  @Column({ name: 'care_concern_note', type: 'text', nullable: true })
  careConcernNote: string | null;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
