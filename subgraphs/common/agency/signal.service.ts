import { DataSource } from 'typeorm';
import { AgencyCode, Principal } from '../../../auth/principal';
import { IndicatorCatalogue } from '../../../schema/catalogue/indicator.catalogue';
import { RiskLevel, SignalStatus, SourceKind, Urgency } from '../../../schema/enums';
import { inputError, notFound } from '../errors';
import * as v from '../validation';
import { appendEvent } from '../events/outbox';
import { insertOnce } from './insert-once';
import { SignalEntity } from './signal.entity';
import { SignalEventType, signalEvent } from './signal.events';
import { CancelSignalInput, ReportSignalInput, UpdateSignalInput } from './signal.input';
import { Indicator, Signal } from './signal.type';
import { requireKnownSubjects } from './subject-state';

const DESCRIPTION_MAX = 10_000;
const NAME_MAX = 300;
const MAX_INDICATORS = 100;

/** Statuses in which the reporting agency may still correct or withdraw its signal. */
const EDITABLE: ReadonlySet<string> = new Set([SignalStatus.REPORTED, SignalStatus.REGISTERED, SignalStatus.CHECKING]);

export class SignalService {
  constructor(
    private readonly dataSource: DataSource,
    readonly agency: AgencyCode,
    private readonly catalogue: IndicatorCatalogue,
  ) {}

  private indicatorCodes(field: string, codes: string[]): string[] {
    if (codes.length > MAX_INDICATORS) {
      throw inputError(field, codes.length, 'indicators.max', `не более ${MAX_INDICATORS} индикаторов`);
    }
    const unique = [...new Set(codes.map((c) => c.trim().toUpperCase()))];
    const unknown = this.catalogue.unknownCodes(unique);
    if (unknown.length) {
      throw inputError(field, unknown.join(', '), 'indicator.known', `неизвестный код индикатора: ${unknown.join(', ')} (см. каталог индикаторов)`);
    }
    return unique;
  }

  /** Stores a new signal once per (client, idempotency key); a replay returns the stored one. */
  async report(principal: Principal, input: ReportSignalInput): Promise<SignalEntity> {
    const row = {
      idempotencyKey: v.idempotencyKey('input.idempotencyKey', input.idempotencyKey),
      childId: v.uuid('input.childId', input.childId),
      familyId: v.optionalUuid('input.familyId', input.familyId),
      observedAt: v.dateTime('input.observedAt', input.observedAt, { notInFuture: true }),
      reporterName: v.personName('input.reporter.name', input.reporter.name, NAME_MAX),
      reporterPosition: v.optionalText('input.reporter.position', input.reporter.position, NAME_MAX),
      reporterOrganisation: v.text('input.reporter.organisation', input.reporter.organisation, NAME_MAX),
      sourceKind: input.sourceKind,
      indicatorCodes: this.indicatorCodes('input.indicatorCodes', input.indicatorCodes),
      urgency: input.urgency,
      description: v.text('input.description', input.description, DESCRIPTION_MAX),
    };
    await requireKnownSubjects(this.dataSource, row);
    return insertOnce(
      this.dataSource,
      SignalEntity,
      principal,
      row,
      'Ключ идемпотентности уже использован для другого сигнала',
      { status: SignalStatus.REPORTED, organisationId: principal.organisation?.id ?? null },
      (stored) => signalEvent('SignalReported', this.agency, stored),
    );
  }

  /**
   * Changes an editable signal and appends the event in one transaction. The row is locked first:
   * a concurrent change waits, so each event states what its own transaction committed, and the
   * events of one signal enter the outbox in the order the changes were made.
   */
  private change(rawId: string, type: SignalEventType, apply: (signal: SignalEntity) => void): Promise<SignalEntity> {
    const id = v.uuid('input.id', rawId);
    return this.dataSource.transaction(async (em) => {
      const repository = em.getRepository(SignalEntity);
      const signal = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!signal) throw notFound('Сигнал', id);
      if (!EDITABLE.has(signal.status)) {
        throw inputError('input.id', id, 'signal.editable', `сигнал в состоянии ${signal.status} изменить нельзя`);
      }
      apply(signal);
      const saved = await repository.save(signal);
      await appendEvent(em, signalEvent(type, this.agency, saved));
      return saved;
    });
  }

  async update(input: UpdateSignalInput): Promise<SignalEntity> {
    const changes: Partial<SignalEntity> = {};
    if (input.urgency) changes.urgency = input.urgency;
    if (input.indicatorCodes) changes.indicatorCodes = this.indicatorCodes('input.indicatorCodes', input.indicatorCodes);
    if (input.description !== undefined && input.description !== null) {
      changes.description = v.text('input.description', input.description, DESCRIPTION_MAX);
    }
    return this.change(input.id, 'SignalUpdated', (signal) => Object.assign(signal, changes));
  }

  async cancel(input: CancelSignalInput): Promise<SignalEntity> {
    const reason = v.text('input.reason', input.reason, DESCRIPTION_MAX);
    return this.change(input.id, 'SignalCancelled', (signal) => {
      signal.status = SignalStatus.CANCELLED;
      signal.cancelReason = reason;
    });
  }

  toView(entity: SignalEntity): Signal {
    return {
      id: entity.id,
      agency: this.agency,
      childId: entity.childId,
      familyId: entity.familyId,
      observedAt: entity.observedAt,
      reporter: { name: entity.reporterName, position: entity.reporterPosition, organisation: entity.reporterOrganisation },
      sourceKind: entity.sourceKind as SourceKind,
      indicators: entity.indicatorCodes.map((code) => this.indicator(code)),
      urgency: entity.urgency as Urgency,
      status: entity.status as SignalStatus,
      description: entity.description,
      cancelReason: entity.cancelReason,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }

  private indicator(code: string): Indicator {
    const found = this.catalogue.byCode(code);
    if (!found) return { code, criterion: 'UNKNOWN', criterionTitle: 'Код отсутствует в каталоге', level: RiskLevel.POTENTIAL_RISK, title: code };
    return { ...found, level: found.level as RiskLevel };
  }
}
