import { Column, Entity } from 'typeorm';
import { IdempotentRecord } from '../../common/agency/idempotent-record.entity';

/** Recognition of a child (with the family) as being in a difficult life situation (трудная жизненная ситуация). */
@Entity({ name: 'difficult_situation' })
export class DifficultSituationEntity extends IdempotentRecord {
  @Column({ name: 'recognised_on', type: 'date' })
  recognisedOn: string;

  /** Number of the social protection body's decision that recognised the situation. */
  @Column({ name: 'decision_number', type: 'text' })
  decisionNumber: string;

  /** Circumstances the decision rests on, as the decision words them. */
  @Column({ type: 'text', nullable: true })
  basis: string | null;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: string | null;
}
