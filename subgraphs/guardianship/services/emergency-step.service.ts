import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { REGISTER_RULE, stepApplies, TRACK_STEPS, TrackStep } from '../../../schema/calendar/emergency-track';
import { conflict, inputError, notFound } from '../../common/errors';
import * as v from '../../common/validation';
import { RemovalActStepEntity } from '../entities/removal-act-step.entity';
import { RemovalActEntity } from '../entities/removal-act.entity';
import { MarkEmergencyStepDoneInput } from '../types/guardianship.inputs';

/**
 * Marks a step of the emergency track (Mari El 7.1) done with its date and document. A step is
 * marked once: the same date and document again is a replay, anything else is refused rather
 * than silently rewriting when the step was done.
 */
export class EmergencyStepService {
  constructor(private readonly dataSource: DataSource) {}

  async markDone(principal: Principal, input: MarkEmergencyStepDoneInput): Promise<RemovalActEntity> {
    const id = v.uuid('input.removalActId', input.removalActId);
    // A string, not a GraphQL enum: an unknown step is a field error naming the steps, not a parse error.
    if (!TRACK_STEPS.includes(input.step as TrackStep)) {
      throw inputError('input.step', input.step, 'emergencyStep.unknown', `неизвестный шаг; допустимы: ${TRACK_STEPS.join(', ')}`);
    }
    const step = input.step as TrackStep;
    const documentRef = v.text('input.documentRef', input.documentRef, 300);
    const act = await this.dataSource.getRepository(RemovalActEntity).findOneBy({ id });
    if (!act) throw notFound('Акт об отобрании', id);
    if (!stepApplies(step, act.placementKind)) {
      throw inputError('input.step', step, 'emergencyStep.notApplicable', `шаг не применяется к этому акту: ${REGISTER_RULE}`);
    }
    const doneOn = v.date('input.doneOn', input.doneOn, { notInFuture: true, notBefore: act.removedOn });
    const steps = this.dataSource.getRepository(RemovalActStepEntity);
    const existing = await steps.findOneBy({ removalActId: id, step });
    if (existing) return this.replay(existing, act, doneOn, documentRef);
    // In a transaction, as every write of a request: its access-log entry commits with it.
    const inserted = await this.dataSource.transaction((em) =>
      em.createQueryBuilder().insert().into(RemovalActStepEntity).values({ removalActId: id, step, doneOn, documentRef, createdBy: principal.subject }).orIgnore().execute(),
    );
    if ((inserted.raw as unknown[]).length === 0) {
      const raced = await steps.findOneByOrFail({ removalActId: id, step });
      if (raced.doneOn !== doneOn || raced.documentRef !== documentRef) {
        throw conflict(`Акт об отобрании ${id}: шаг ${step} отмечен другим запросом одновременно`, { field: 'input.step', rule: 'emergencyStep.concurrent' });
      }
    }
    return act;
  }

  /** Steps marked for the given acts, by act. */
  async stepsOf(actId: string): Promise<RemovalActStepEntity[]> {
    return this.dataSource.getRepository(RemovalActStepEntity).findBy({ removalActId: actId });
  }

  private replay(existing: RemovalActStepEntity, act: RemovalActEntity, doneOn: string, documentRef: string): RemovalActEntity {
    if (existing.doneOn === doneOn && existing.documentRef === documentRef) return act;
    throw inputError('input.step', existing.step, 'emergencyStep.alreadyMarked', `шаг уже отмечен: ${existing.doneOn}, ${existing.documentRef}`);
  }
}
