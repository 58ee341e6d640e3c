import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IdempotentRow } from './idempotent-row';

/** A domestic incident (семейно-бытовой конфликт) in the child's family that the police attended. */
@Entity({ name: 'domestic_incident' })
export class DomesticIncidentEntity extends IdempotentRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  @Column({ name: 'family_id', type: 'uuid', nullable: true })
  familyId: string | null;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'measures_taken', type: 'text', nullable: true })
  measuresTaken: string | null;
}
