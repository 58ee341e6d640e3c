import { Column, Entity } from 'typeorm';
import { IdempotentRecord } from '../../common/agency/idempotent-record.entity';

/** Social patronage of the child's family by an institution; a change of kind ends one row and starts another. */
@Entity({ name: 'patronage' })
export class PatronageEntity extends IdempotentRecord {
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  institution: string;

  @Column({ name: 'started_on', type: 'date' })
  startedOn: string;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;
}
