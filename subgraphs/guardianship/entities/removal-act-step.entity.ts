import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One step of the emergency track (Mari El 7.1) marked done, with its date and document. */
@Entity({ name: 'removal_act_step' })
export class RemovalActStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'removal_act_id', type: 'uuid' })
  removalActId: string;

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
