import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An agency's представление or ходатайство to the KDN about a family (migration 1763800000040). */
@Entity({ name: 'petition' })
export class PetitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'family_id', type: 'uuid' })
  familyId: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ type: 'text' })
  municipality: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  grounds: string;

  @Column({ name: 'signer_name', type: 'text' })
  signerName: string;

  @Column({ name: 'signer_position', type: 'text' })
  signerPosition: string;

  @Column({ name: 'filed_on', type: 'date' })
  filedOn: string;

  @Column({ type: 'text' })
  agency: string;

  @Column({ name: 'organisation_id', type: 'text', nullable: true })
  organisationId: string | null;

  @Column({ name: 'filed_by', type: 'text' })
  filedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
