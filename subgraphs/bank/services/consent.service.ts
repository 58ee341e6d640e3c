import { DataSource } from 'typeorm';
import { Principal } from '../../../auth/principal';
import { conflict, inputError, notFound } from '../../common/errors';
import * as v from '../../common/validation';
import { ConsentEntity, EmergencyAccessEntity } from '../entities/consent.entity';
import { RecordConsentInput } from '../types/consent.types';

/** Emergency access lasts long enough to act on a threat, short enough to need a new reason. */
export const EMERGENCY_HOURS = 4;

export class ConsentService {
  constructor(private readonly dataSource: DataSource) {}

  async record(principal: Principal, input: RecordConsentInput): Promise<ConsentEntity> {
    const childId = v.uuid('input.childId', input.childId);
    const grantorId = v.uuid('input.grantorId', input.grantorId);
    const validFrom = v.date('input.validFrom', input.validFrom, { notBefore: '2000-01-01' });
    const validTo = input.validTo ? v.date('input.validTo', input.validTo) : null;
    if (validTo && validTo < validFrom) throw inputError('input.validTo', validTo, 'consent.period', 'окончание срока раньше начала');
    for (const [field, list] of [['input.grantees', input.grantees], ['input.categories', input.categories], ['input.purposes', input.purposes]] as const) {
      if (list.length === 0) throw inputError(field, '[]', 'consent.nonEmpty', 'укажите хотя бы одно значение');
    }
    // Only a legal representative of the child (a parent or guardian of one of its families) can consent.
    const representative = await this.dataSource.query(
      `SELECT 1 FROM family_member g JOIN family_member c ON c.family_id = g.family_id
       WHERE g.person_id = $1 AND g.role IN ('MOTHER', 'FATHER', 'GUARDIAN') AND c.person_id = $2 AND c.role = 'CHILD' LIMIT 1`,
      [grantorId, childId],
    );
    if (representative.length === 0) {
      throw inputError('input.grantorId', grantorId, 'consent.legalRepresentative', 'согласие даёт только родитель или опекун ребёнка из его семьи');
    }
    const repository = this.dataSource.getRepository(ConsentEntity);
    return repository.save(
      repository.create({
        childId,
        grantorId,
        grantees: [...new Set(input.grantees)].sort(),
        categories: [...new Set(input.categories)].sort(),
        purposes: [...new Set(input.purposes)].sort(),
        provision: input.provision.toLowerCase(),
        validFrom,
        validTo,
        documentRef: v.text('input.documentRef', input.documentRef, 300),
        status: 'active',
        recordedBy: principal.subject,
      }),
    );
  }

  /** Withdrawal takes effect on the next request: the next access grant no longer carries it. */
  async withdraw(id: string): Promise<ConsentEntity> {
    const repository = this.dataSource.getRepository(ConsentEntity);
    const consent = await repository.findOneBy({ id: v.uuid('id', id) });
    if (!consent) throw notFound('Согласие', id);
    if (consent.status === 'withdrawn') throw conflict('Согласие уже отозвано', { rule: 'consent.alreadyWithdrawn' });
    consent.status = 'withdrawn';
    consent.withdrawnAt = new Date();
    return repository.save(consent);
  }

  async openEmergency(principal: Principal, childId: string, justification: string): Promise<EmergencyAccessEntity> {
    const text = v.text('input.justification', justification, 4000);
    if (text.length < 20) throw inputError('input.justification', text, 'emergency.justification', 'обоснование экстренного доступа: не менее 20 символов');
    const repository = this.dataSource.getRepository(EmergencyAccessEntity);
    return repository.save(
      repository.create({
        childId: v.uuid('input.childId', childId),
        sub: principal.subject,
        username: principal.username,
        agency: principal.agency,
        justification: text,
        until: new Date(Date.now() + EMERGENCY_HOURS * 3600 * 1000),
      }),
    );
  }
}

export function consentStatus(consent: ConsentEntity, today = new Date().toISOString().slice(0, 10)): string {
  if (consent.status === 'withdrawn') return 'withdrawn';
  if (consent.validTo && consent.validTo < today) return 'expired';
  return 'active';
}

