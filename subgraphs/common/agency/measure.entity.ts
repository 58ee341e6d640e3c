import { Column, Entity } from 'typeorm';
import { IdempotentRecord } from './idempotent-record.entity';

/** A measure (мероприятие) an agency planned or carried out for a child or family. */
@Entity({ name: 'measure' })
export class MeasureEntity extends IdempotentRecord {
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

  /** ОГРН of the organisation that wrote the record (null on rows written before organisations). */
  @Column({ name: 'organisation_id', type: 'text', nullable: true })
  organisationId: string | null;
}
