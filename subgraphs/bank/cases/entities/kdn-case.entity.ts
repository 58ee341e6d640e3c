import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'kdn_case' })
export class KdnCaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  number: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  @Column({ type: 'text' })
  municipality: string;

  @Column({ type: 'text' })
  state: string;

  @Column({ type: 'text' })
  urgency: string;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn: string;

  @Column({ name: 'source_kind', type: 'text' })
  sourceKind: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ name: 'indicator_codes', type: 'text', array: true })
  indicatorCodes: string[];

  @Column({ name: 'suggested_risk', type: 'jsonb', nullable: true })
  suggestedRisk: Record<string, unknown> | null;

  @Column({ name: 'check_agencies', type: 'text', array: true })
  checkAgencies: string[];

  /** ОГРН of the organisations assigned the check (empty on cases of before organisations). */
  @Column({ name: 'check_organisations', type: 'text', array: true, default: () => "'{}'" })
  checkOrganisations: string[];

  /** ОГРН of the organisation whose signal the case was registered on. */
  @Column({ name: 'detecting_organisation', type: 'text', nullable: true })
  detectingOrganisation: string | null;

  @Column({ name: 'check_due', type: 'date', nullable: true })
  checkDue: string | null;

  @Column({ type: 'jsonb', nullable: true })
  conclusion: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  resolution: Record<string, unknown> | null;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ name: 'closure_reason', type: 'text', nullable: true })
  closureReason: string | null;

  /** The case this one was merged into (state MERGED): see workflow/case-corrections.ts. */
  @Column({ name: 'merged_into', type: 'uuid', nullable: true })
  mergedInto: string | null;

  /** The chair's instruction to a commission member on the low-risk route (no resolution): sop.resolver.ts. */
  @Column({ type: 'jsonb', nullable: true })
  instruction: Record<string, unknown> | null;

  /** The approved programme's version: each amendment adds one. */
  @Column({ name: 'programme_version', type: 'int', default: 1 })
  programmeVersion: number;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
