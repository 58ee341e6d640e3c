import { Column, Entity } from 'typeorm';
import { IdempotentRecordBase } from '../../common/agency/idempotent-record.entity';

/** An offence, administrative case or crime involving the child. */
@Entity({ name: 'offence' })
export class OffenceEntity extends IdempotentRecordBase {
  @Column({ type: 'text' })
  kind: string;

  /** Статья кодекса, например «КоАП 20.22». */
  @Column({ type: 'text' })
  article: string;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ type: 'text' })
  description: string;

  /** Принятое решение; пусто, пока дело не рассмотрено. */
  @Column({ type: 'text', nullable: true })
  decision: string | null;
}
