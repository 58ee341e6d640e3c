import { Column, Entity } from 'typeorm';
import { IdempotentRecord } from './idempotent-record.entity';

/**
 * A signal as the reporting agency stores it. The same class maps the `signal` table in each
 * agency's own schema (the data source pins the schema), so the five agencies share code
 * but never rows.
 */
@Entity({ name: 'signal' })
export class SignalEntity extends IdempotentRecord {
  @Column({ name: 'family_id', type: 'uuid', nullable: true })
  familyId: string | null;

  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt: Date;

  @Column({ name: 'reporter_name', type: 'text' })
  reporterName: string;

  @Column({ name: 'reporter_position', type: 'text', nullable: true })
  reporterPosition: string | null;

  @Column({ name: 'reporter_organisation', type: 'text' })
  reporterOrganisation: string;

  @Column({ name: 'source_kind', type: 'text' })
  sourceKind: string;

  @Column({ name: 'indicator_codes', type: 'text', array: true })
  indicatorCodes: string[];

  @Column({ type: 'text' })
  urgency: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  /** ОГРН of the organisation that wrote the record (null on rows written before organisations). */
  @Column({ name: 'organisation_id', type: 'text', nullable: true })
  organisationId: string | null;
}
