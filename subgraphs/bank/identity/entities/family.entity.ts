import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'family' })
export class FamilyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  municipality: string;

  @Column({ type: 'text', array: true })
  categories: string[];

  @Column({ name: 'registered_address', type: 'text', nullable: true })
  registeredAddress: string | null;

  @Column({ name: 'actual_address', type: 'text', nullable: true })
  actualAddress: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

@Entity({ name: 'family_member' })
export class FamilyMemberEntity {
  @PrimaryColumn({ name: 'family_id', type: 'uuid' })
  familyId: string;

  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId: string;

  @Column({ type: 'text' })
  role: string;
}

/**
 * The data bank register (единый банк данных семей в СОП): a family or child enters only by
 * KDN resolution and leaves only by resolution (a database trigger refuses anything else; see the
 * sync migration), written by the case workflow.
 */
@Entity({ name: 'register_entry' })
export class RegisterEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null for a minor recognised by himself who is in no family of the bank (subject MINOR). */
  @Column({ name: 'family_id', type: 'uuid', nullable: true })
  familyId: string | null;

  @Column({ name: 'child_id', type: 'uuid', nullable: true })
  childId: string | null;

  /** Whom the resolution recognised: the family (with its minors) or the minor himself. */
  @Column({ type: 'text', default: 'FAMILY' })
  subject: 'FAMILY' | 'MINOR';

  /** The reason for registration: SOP criteria codes (schema/catalogue/sop-criteria.ts) and a free text. */
  @Column({ name: 'reason_criteria', type: 'text', array: true, default: () => "'{}'" })
  reasonCriteria: string[];

  @Column({ name: 'reason_note', type: 'text', nullable: true })
  reasonNote: string | null;

  /** The detecting body: the source of the signal (an organisation's type and ОГРН, or the source kind) and its name as printed. */
  @Column({ name: 'detecting_agency', type: 'text', nullable: true })
  detectingAgency: string | null;

  @Column({ name: 'detecting_organisation', type: 'text', nullable: true })
  detectingOrganisation: string | null;

  @Column({ name: 'detecting_name', type: 'text', nullable: true })
  detectingName: string | null;

  @Column({ name: 'included_on', type: 'date' })
  includedOn: string;

  @Column({ name: 'basis', type: 'text' })
  basis: string;

  @Column({ name: 'removed_on', type: 'date', nullable: true })
  removedOn: string | null;

  @Column({ name: 'removal_reason', type: 'text', nullable: true })
  removalReason: string | null;
}

/** Replays of identity writes: same client and key return the first answer. */
@Entity({ name: 'idempotent_request' })
export class IdempotentRequestEntity {
  @PrimaryColumn({ name: 'client_id', type: 'text' })
  clientId: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @Column({ type: 'jsonb' })
  response: Record<string, unknown>;
}
