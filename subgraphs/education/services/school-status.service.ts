import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { appendEvents } from '../../common/agency/agency-event';
import { upsertCurrent } from '../../common/agency/upsert-current';
import { inputError } from '../../common/errors';
import * as v from '../../common/validation';
import { SchoolStatusEntity } from '../entities/school-status.entity';
import { RecordSchoolStatusInput } from '../types/education.types';
import { schoolStatusEvents } from './school-status.events';
import { requireKnownSubjects } from '../../common/agency/subject-state';

export class SchoolStatusService {
  constructor(private readonly dataSource: DataSource) {}

  /** Upsert by child and academic year: the school re-sends its current picture, we keep the latest. */
  async record(principal: Principal, input: RecordSchoolStatusInput): Promise<SchoolStatusEntity> {
    const year = input.academicYear.trim();
    const match = /^(\d{4})\/(\d{4})$/.exec(year);
    if (!match || Number(match[2]) !== Number(match[1]) + 1) {
      throw inputError('input.academicYear', input.academicYear, 'academicYear.format', 'учебный год в формате 2025/2026');
    }
    const row = {
      childId: v.uuid('input.childId', input.childId),
      academicYear: year,
      schoolName: v.text('input.schoolName', input.schoolName, 300),
      className: v.text('input.className', input.className, 20),
      unexcusedAbsences: v.integerRange('input.unexcusedAbsences', input.unexcusedAbsences, 0, 2000),
      failingGrades: v.integerRange('input.failingGrades', input.failingGrades, 0, 500),
      internalRegister: input.internalRegister,
      internalRegisterSince: input.internalRegisterSince ? v.date('input.internalRegisterSince', input.internalRegisterSince, { notInFuture: true }) : null,
      internalRegisterReason: v.optionalText('input.internalRegisterReason', input.internalRegisterReason, 2000),
      updatedBy: principal.subject,
    };
    if (row.internalRegister && !row.internalRegisterSince) {
      throw inputError('input.internalRegisterSince', null, 'internalRegister.since', 'для внутришкольного учёта укажите дату постановки');
    }
    await requireKnownSubjects(this.dataSource, row);
    // The change and what the data bank learns of it (school and class, internal register) commit together.
    return this.dataSource.transaction(async (em) => {
      const change = await upsertCurrent(em, SchoolStatusEntity, { childId: row.childId, academicYear: row.academicYear }, row);
      await appendEvents(em, schoolStatusEvents(change));
      return change.after;
    });
  }
}
