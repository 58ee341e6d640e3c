import { DataSource } from 'typeorm';
import { AgencyCode, Principal } from '../../../auth/principal';
import { MeasureKind, MeasureStatus } from '../../../schema/enums';
import { inputError, notFound } from '../errors';
import * as v from '../validation';
import { appendEvent } from '../events/outbox';
import { insertOnce } from './insert-once';
import { MeasureEntity } from './measure.entity';
import { measureEvent, MeasureEventType } from './measure.events';
import { CancelMeasureInput, RecordMeasureInput, UpdateMeasureInput } from './measure.input';
import { Measure } from './measure.type';
import { requireMeasureTargets } from './programme-row-state';

const TEXT_MAX = 10_000;
const NAME_MAX = 300;

export class MeasureService {
  constructor(
    private readonly dataSource: DataSource,
    readonly agency: AgencyCode,
  ) {}

  async record(principal: Principal, input: RecordMeasureInput): Promise<MeasureEntity> {
    const doneDate = input.doneDate ? v.date('input.doneDate', input.doneDate, { notInFuture: true }) : null;
    const row = {
      idempotencyKey: v.idempotencyKey('input.idempotencyKey', input.idempotencyKey),
      childId: v.uuid('input.childId', input.childId),
      familyId: v.optionalUuid('input.familyId', input.familyId),
      title: v.text('input.title', input.title, NAME_MAX),
      kind: input.kind,
      dueDate: v.date('input.dueDate', input.dueDate, { notBefore: '2000-01-01' }),
      doneDate,
      executorName: v.personName('input.executor.name', input.executor.name, NAME_MAX),
      executorOrganisation: v.text('input.executor.organisation', input.executor.organisation, NAME_MAX),
      result: v.optionalText('input.result', input.result, TEXT_MAX),
      programmeRowId: v.optionalUuid('input.programmeRowId', input.programmeRowId),
    };
    if (row.result && !doneDate) {
      throw inputError('input.result', row.result, 'measure.resultNeedsDoneDate', 'результат указывается вместе с датой исполнения (doneDate)');
    }
    // A named programme row must be this organisation's, about this child: refused with the reason, never stored unlinked.
    await requireMeasureTargets(this.dataSource, row, { agency: this.agency, organisationId: principal.organisation?.id ?? null });
    return insertOnce(
      this.dataSource,
      MeasureEntity,
      principal,
      row,
      'Ключ идемпотентности уже использован для другого мероприятия',
      { status: doneDate ? MeasureStatus.DONE : MeasureStatus.PLANNED, organisationId: principal.organisation?.id ?? null },
      (stored) => measureEvent('MeasureRecorded', this.agency, stored),
    );
  }

  /**
   * Changes a measure that is not cancelled and appends the event in one transaction, the row
   * locked first so that concurrent changes queue and each event states what its transaction
   * committed. `apply` may refuse (throw): then nothing is written.
   */
  private change(rawId: string, type: MeasureEventType, apply: (measure: MeasureEntity) => void): Promise<MeasureEntity> {
    const id = v.uuid('input.id', rawId);
    return this.dataSource.transaction(async (em) => {
      const repository = em.getRepository(MeasureEntity);
      const measure = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!measure) throw notFound('Мероприятие', id);
      if (measure.status === MeasureStatus.CANCELLED) {
        throw inputError('input.id', id, 'measure.editable', 'отменённое мероприятие изменить нельзя');
      }
      apply(measure);
      const saved = await repository.save(measure);
      await appendEvent(em, measureEvent(type, this.agency, saved));
      return saved;
    });
  }

  async update(input: UpdateMeasureInput): Promise<MeasureEntity> {
    const changes: Partial<MeasureEntity> = {};
    if (input.dueDate) changes.dueDate = v.date('input.dueDate', input.dueDate, { notBefore: '2000-01-01' });
    if (input.doneDate) changes.doneDate = v.date('input.doneDate', input.doneDate, { notInFuture: true });
    if (input.result !== undefined && input.result !== null) changes.result = v.optionalText('input.result', input.result, TEXT_MAX);
    return this.change(input.id, 'MeasureUpdated', (measure) => {
      Object.assign(measure, changes);
      if (measure.result && !measure.doneDate) {
        throw inputError('input.result', measure.result, 'measure.resultNeedsDoneDate', 'результат указывается вместе с датой исполнения (doneDate)');
      }
      if (measure.doneDate) measure.status = MeasureStatus.DONE;
    });
  }

  async cancel(input: CancelMeasureInput): Promise<MeasureEntity> {
    const reason = v.text('input.reason', input.reason, TEXT_MAX);
    return this.change(input.id, 'MeasureCancelled', (measure) => {
      measure.status = MeasureStatus.CANCELLED;
      measure.cancelReason = reason;
    });
  }

  toView(entity: MeasureEntity): Measure {
    return {
      id: entity.id,
      agency: this.agency,
      childId: entity.childId,
      familyId: entity.familyId,
      title: entity.title,
      kind: entity.kind as MeasureKind,
      dueDate: entity.dueDate,
      doneDate: entity.doneDate,
      executor: { name: entity.executorName, organisation: entity.executorOrganisation },
      result: entity.result,
      programmeRowId: entity.programmeRowId,
      status: entity.status as MeasureStatus,
      cancelReason: entity.cancelReason,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}
