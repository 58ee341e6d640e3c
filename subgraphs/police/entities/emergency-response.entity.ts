import { Column, Entity } from 'typeorm';
import { IdempotentRecord } from '../../common/agency/idempotent-record.entity';

/**
 * The police's emergency response about a child in danger (Mari El 7.2): information received from
 * another body, or a neglected child found in the police's own checks and, where it could not be
 * handed to the family, delivered to an institution or medical organisation.
 */
@Entity({ name: 'emergency_response' })
export class EmergencyResponseEntity extends IdempotentRecord {
  @Column({ name: 'received_on', type: 'date' })
  receivedOn: string;

  @Column({ type: 'text' })
  origin: string;

  @Column({ name: 'delivered_to', type: 'text', nullable: true })
  deliveredTo: string | null;

  @Column({ name: 'delivered_on', type: 'date', nullable: true })
  deliveredOn: string | null;

  @Column({ name: 'delivery_document_ref', type: 'text', nullable: true })
  deliveryDocumentRef: string | null;

  @Column({ type: 'text' })
  description: string;
}
