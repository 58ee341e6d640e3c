import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A measure (мероприятие) an agency planned or carried out for a child or family. */
@Entity({ name: 'measure' })
export class MeasureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  @Column({ name: 'family_id', type: 'uuid', nullable: true })
  familyId: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ name: 'done_date', type: 'date', nullable: true })
  doneDate: string | null;

  @Column({ name: 'executor_name', type: 'text' })
  executorName: string;

  @Column({ name: 'executor_organisation', type: 'text' })
  executorOrganisation: string;

  @Column({ type: 'text', nullable: true })
  result: string | null;

  /** Row of the individual programme this measure carries out (filled by the case workflow). */
  @Column({ name: 'programme_row_id', type: 'uuid', nullable: true })
  programmeRowId: string | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ name: 'client_id', type: 'text' })
  clientId: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
