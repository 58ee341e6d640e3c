import { Column, Entity } from 'typeorm';
import { IdempotentRecord } from '../../common/agency/idempotent-record.entity';

/**
 * Акт обследования жилищно-бытовых условий. One act may cover siblings: each child gets its own
 * row with the same act number, which is why the number is not unique.
 */
@Entity({ name: 'housing_inspection' })
export class HousingInspectionEntity extends IdempotentRecord {
  @Column({ name: 'act_number', type: 'text' })
  actNumber: string;

  @Column({ name: 'inspected_on', type: 'date' })
  inspectedOn: string;

  @Column({ type: 'text' })
  inspector: string;

  @Column({ type: 'text' })
  conclusion: string;

  /** Conditions threaten the child's life or health: the emergency track (removal) may follow. */
  @Column({ name: 'threat_to_life_or_health', type: 'boolean' })
  threatToLifeOrHealth: boolean;

  /** The act's form fields (Myasnikovsky appendix 1); null for inspections recorded without them. */
  @Column({ type: 'jsonb', nullable: true })
  act: HousingActFields | null;
}

export interface HousingActParent {
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  workplace: string | null;
  position: string | null;
}

export interface HousingActFields {
  familyName: string;
  father: HousingActParent | null;
  mother: HousingActParent | null;
  address: string;
  phone: string | null;
  memberCount: number;
  minorCount: number;
  livingConditions: string;
  familyProblems: string;
  specialists: string[];
}
