import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The guardianship body's current view of a child's care: one row per child, replaced on each change. */
@Entity({ name: 'guardianship_status' })
export class GuardianshipStatusEntity {
  @PrimaryColumn({ name: 'child_id', type: 'uuid' })
  childId: string;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'date' })
  since: string;

  /** Person id in the data bank of the guardian, foster or adoptive parent, when known. */
  @Column({ name: 'guardian_person_id', type: 'uuid', nullable: true })
  guardianPersonId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
