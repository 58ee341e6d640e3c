import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One step of the police emergency track (Mari El 7.2) marked done, with its date and document. */
@Entity({ name: 'emergency_response_step' })
export class EmergencyResponseStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'response_id', type: 'uuid' })
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
