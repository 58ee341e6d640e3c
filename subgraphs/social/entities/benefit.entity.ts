import { Column, Entity } from 'typeorm';
import { IdempotentRecord } from '../../common/agency/idempotent-record.entity';

/** A benefit, payment or aid granted for the child. */
@Entity({ name: 'benefit' })
export class BenefitEntity extends IdempotentRecord {
  @Column({ type: 'text' })
  kind: string;

  /** Roubles as pg returns numeric: a decimal string, never a float. */
  @Column({ type: 'numeric', precision: 12, scale: 2 })
  amount: string;

  /** Monthly payments carry the amount per month; one-off payments the whole sum, paid on `from`. */
  @Column({ type: 'boolean' })
  monthly: boolean;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'date_from', type: 'date' })
  from: string;

  @Column({ name: 'date_to', type: 'date', nullable: true })
  to: string | null;
}
