import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IdempotentRow } from './idempotent-row';

/** An offence, administrative case or crime involving the child. */
@Entity({ name: 'offence' })
export class OffenceEntity extends IdempotentRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

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
