import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One step of the social protection emergency track (Mari El 7.3) marked done, with its date and document. */
@Entity({ name: 'emergency_referral_step' })
export class EmergencyReferralStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  recordId: string;

  @Column({ type: 'text' })
  step: string;

  @Column({ name: 'done_on', type: 'date' })
  doneOn: string;

  @Column({ name: 'document_ref', type: 'text' })
  documentRef: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
