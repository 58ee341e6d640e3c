import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'consent' })
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  @Column({ name: 'family_id', type: 'uuid', nullable: true })
  familyId: string | null;

  @Column({ name: 'grantor_id', type: 'uuid' })
  grantorId: string;

  @Column({ type: 'text', array: true })
  grantees: string[];

  @Column({ type: 'text', array: true })
  categories: string[];

  @Column({ type: 'text', array: true })
  purposes: string[];

  @Column({ type: 'text' })
  provision: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ name: 'document_ref', type: 'text' })
  documentRef: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}

@Entity({ name: 'emergency_access' })
export class EmergencyAccessEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  @Column({ type: 'text' })
  sub: string;

  @Column({ type: 'text' })
  username: string;

  @Column({ type: 'text', nullable: true })
  agency: string | null;

  @Column({ type: 'text' })
  justification: string;

  @Column({ name: 'opened_at', type: 'timestamptz', default: () => 'now()' })
  openedAt: Date;

  @Column({ type: 'timestamptz' })
  until: Date;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;
}
