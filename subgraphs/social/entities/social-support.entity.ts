import { Column, Entity } from 'typeorm';
import { IdempotentRecord } from '../../common/agency/idempotent-record.entity';

/** A form of social service or social escort provided to the child's family. */
@Entity({ name: 'social_support' })
export class SocialSupportEntity extends IdempotentRecord {
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'text' })
  provider: string;

  // `from`/`to` are SQL keywords, hence the date_ prefix in the table.
  @Column({ name: 'date_from', type: 'date' })
  from: string;

  @Column({ name: 'date_to', type: 'date', nullable: true })
  to: string | null;
}
