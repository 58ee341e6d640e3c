import { Column, Entity } from 'typeorm';
import { IdempotentRecord } from '../../common/agency/idempotent-record.entity';

/** Акт об отобрании ребёнка (СК РФ ст. 77), signed by the head of the municipality. */
@Entity({ name: 'removal_act' })
export class RemovalActEntity extends IdempotentRecord {
  @Column({ name: 'act_number', type: 'text' })
  actNumber: string;

  @Column({ name: 'removed_on', type: 'date' })
  removedOn: string;

  @Column({ name: 'signed_by', type: 'text' })
  signedBy: string;

  @Column({ name: 'placement_kind', type: 'text' })
  placementKind: string;

  @Column({ name: 'placement_description', type: 'text' })
  placementDescription: string;

  /** The prosecutor must be told at once; null until guardianship reports having done so. */
  @Column({ name: 'prosecutor_notified_at', type: 'timestamptz', nullable: true })
  prosecutorNotifiedAt: Date | null;
}
