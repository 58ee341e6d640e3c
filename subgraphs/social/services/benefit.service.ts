import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { insertOnce } from '../../common/agency/insert-once';
import { inputError } from '../../common/errors';
import * as v from '../../common/validation';
import { BenefitEntity } from '../entities/benefit.entity';
import { EndSocialPeriodInput, RecordSocialBenefitInput } from '../types/social.inputs';
import { BenefitKind } from '../types/social.enums';
import { EARLIEST, endPeriod, optionalEnd, Period } from './period';
import { requireKnownSubjects } from '../../common/agency/subject-state';

const PERIOD: Period<BenefitEntity> = { entity: BenefitEntity, what: 'Выплата', start: 'from', end: 'to' };

/** Up to 10 digits of roubles (the column is numeric(12,2)) and up to 2 of kopecks. */
const AMOUNT = /^(\d{1,10})(?:\.(\d{1,2}))?$/;

/** Money stays a decimal string end to end: a float would turn 0.1 + 0.2 into a complaint. */
export function roubles(field: string, value: string): string {
  const match = AMOUNT.exec(value.trim());
  if (!match) {
    throw inputError(field, value, 'amount.format', 'сумма в рублях: до 10 цифр и не более двух знаков после точки, например 12345.60');
  }
  const amount = `${match[1].replace(/^0+(?=\d)/, '')}.${(match[2] ?? '').padEnd(2, '0')}`;
  if (amount === '0.00') throw inputError(field, value, 'amount.positive', 'сумма должна быть больше нуля');
  return amount;
}

export class BenefitService {
  constructor(private readonly dataSource: DataSource) {}

  /** No event: benefits are not on the family account card (see difficult-situation.events.ts). */
  async record(principal: Principal, input: RecordSocialBenefitInput): Promise<BenefitEntity> {
    const from = v.date('input.from', input.from, { notInFuture: true, notBefore: EARLIEST });
    const row = {
      idempotencyKey: v.idempotencyKey('input.idempotencyKey', input.idempotencyKey),
      childId: v.uuid('input.childId', input.childId),
      kind: input.kind,
      amount: roubles('input.amount', input.amount),
      monthly: input.monthly,
      note: v.optionalText('input.note', input.note, 1000),
      from,
      // A one-off payment is paid on one day: its period is that day.
      to: input.monthly ? optionalEnd('input.to', input.to, from) : from,
    };
    if (row.kind === BenefitKind.OTHER && !row.note) {
      throw inputError('input.note', input.note ?? null, 'benefit.otherNeedsNote', 'для вида OTHER укажите наименование выплаты в примечании');
    }
    if (!input.monthly && input.to !== null && input.to !== undefined && input.to !== from) {
      throw inputError('input.to', input.to, 'benefit.oneOffSingleDay', 'у единовременной выплаты нет периода: окончание не указывается или совпадает с датой выплаты');
    }
    await requireKnownSubjects(this.dataSource, row);
    return insertOnce(this.dataSource, BenefitEntity, principal, row, 'Ключ идемпотентности уже использован для другой записи (выплата)');
  }

  /** Payment stopped or will stop earlier than planned (the decision may name a date ahead). */
  async end(input: EndSocialPeriodInput): Promise<BenefitEntity> {
    const endedOn = v.date('input.endedOn', input.endedOn, { notBefore: EARLIEST });
    return endPeriod(this.dataSource, PERIOD, input.id, endedOn, (row) => {
      if (!row.monthly) throw inputError('input.id', input.id, 'benefit.oneOffNotEnded', 'единовременная выплата не имеет периода, завершать её не нужно');
    });
  }
}
