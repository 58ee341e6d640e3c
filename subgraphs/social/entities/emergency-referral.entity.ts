import { Column, Entity } from 'typeorm';
import { IdempotentRecord } from '../../common/agency/idempotent-record.entity';

/**
 * Social protection informed of a child placed in an institution (by guardianship, Mari El 7.1 3) б),
 * or by the police on delivering a neglected child, 7.2 3) г)): it surveys the family and, once the
 * child is handed to the parents or other carers, informs the KDN (7.3).
 */
@Entity({ name: 'emergency_referral' })
export class EmergencyReferralEntity extends IdempotentRecord {
  @Column({ name: 'received_on', type: 'date' })
  receivedOn: string;

  @Column({ name: 'referred_by', type: 'text' })
  referredBy: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'handed_over_on', type: 'date', nullable: true })
  handedOverOn: string | null;

  @Column({ name: 'handed_over_to', type: 'text', nullable: true })
  handedOverTo: string | null;

  @Column({ name: 'handover_document_ref', type: 'text', nullable: true })
  handoverDocumentRef: string | null;
}
