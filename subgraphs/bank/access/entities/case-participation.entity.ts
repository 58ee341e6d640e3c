import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'case_participation' })
export class CaseParticipationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  /** The agency type of the organisation, kept for the sections and lists that group by it. */
  @Column({ type: 'text' })
  agency: string;

  /** ОГРН of the organisation taking part: participation is held by an organisation, never by a type. */
  @Column({ name: 'organisation_id', type: 'text' })
  organisationId: string;

  @Column({ type: 'text' })
  basis: string;

  @Column({ name: 'opened_on', type: 'date' })
  openedOn: string;

  @Column({ name: 'opened_by', type: 'text' })
  openedBy: string;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ name: 'closed_by', type: 'text', nullable: true })
  closedBy: string | null;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  closeReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
