import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { insertOnce } from '../../common/agency/insert-once';
import * as v from '../../common/validation';
import { HousingInspectionEntity } from '../entities/housing-inspection.entity';
import { RecordHousingInspectionInput } from '../types/guardianship.inputs';
import { EARLIEST } from './dates';
import { requireKnownSubjects } from '../../common/agency/subject-state';

export class HousingInspectionService {
  constructor(private readonly dataSource: DataSource) {}

  /** No event: inspection acts are not on the family account card (see guardianship-status.events.ts). */
  async record(principal: Principal, input: RecordHousingInspectionInput): Promise<HousingInspectionEntity> {
    const row = {
      idempotencyKey: v.idempotencyKey('input.idempotencyKey', input.idempotencyKey),
      childId: v.uuid('input.childId', input.childId),
      actNumber: v.text('input.actNumber', input.actNumber, 50),
      inspectedOn: v.date('input.inspectedOn', input.inspectedOn, { notInFuture: true, notBefore: EARLIEST }),
      inspector: v.text('input.inspector', input.inspector, 300),
      conclusion: v.text('input.conclusion', input.conclusion, 10_000),
      threatToLifeOrHealth: input.threatToLifeOrHealth,
    };
    await requireKnownSubjects(this.dataSource, row);
    return insertOnce(this.dataSource, HousingInspectionEntity, principal, row, 'Ключ идемпотентности уже использован для другой записи (акт обследования)');
  }
}
