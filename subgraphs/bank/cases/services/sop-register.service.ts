import { EntityManager } from 'typeorm';
import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { SOP_CRITERIA, sopCriteriaFor, SopSubject, unknownSopCriteria } from '../../../../schema/catalogue/sop-criteria';
import { AGENCY_CAPTIONS, SOURCE_KIND_CAPTIONS, SourceKind } from '../../../../schema/enums';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';
import { AccountCardService } from '../../sync/account-card.service';
import { KdnCaseEntity } from '../entities/kdn-case.entity';

/**
 * The SOP side of a case (issue 13): which criteria the conclusion found, the reason the
 * resolution gives for registration, who detected the family, and the data bank entry that names
 * the family, the minor, or both (Mari El: «несовершеннолетних и (или) семей»).
 */

/** The reason for registration the resolution recognising the SOP records (and appendix 8 prints). */
export interface RegistrationReason {
  criteria: string[];
  note: string | null;
  subject: SopSubject;
}

/**
 * The criteria a conclusion records: required (and from the territory's list) when the conclusion
 * finds a socially dangerous situation, refused with any other finding.
 */
export function conclusionCriteria(municipality: string, kind: string, raw: readonly string[] | null | undefined): string[] {
  const codes = [...new Set(raw ?? [])];
  if (kind !== 'SOCIALLY_DANGEROUS') {
    if (codes.length)
      throw inputError('input.sopCriteria', codes.join(', '), 'conclusion.sopCriteriaOnlyForSop', `критерии СОП указываются только при выводе SOCIALLY_DANGEROUS (вывод заключения: ${kind})`);
    return [];
  }
  if (!codes.length)
    throw inputError('input.sopCriteria', '[]', 'conclusion.sopCriteriaRequired', 'при выводе SOCIALLY_DANGEROUS укажите, какие критерии социально опасного положения установлены (коды sopCriteria)');
  return knownCriteria('input.sopCriteria', municipality, codes);
}

function knownCriteria(field: string, municipality: string, codes: string[]): string[] {
  const unknown = unknownSopCriteria(codes);
  if (unknown.length) throw inputError(field, unknown.join(', '), 'sopCriterion.known', `неизвестный код критерия СОП: ${unknown.join(', ')}`);
  const allowed = sopCriteriaFor(municipality).map((c) => c.code);
  const foreign = codes.filter((code) => !allowed.includes(code));
  if (foreign.length) {
    throw inputError(
      field,
      foreign.join(', '),
      'sopCriterion.region',
      `критерий ${foreign.join(', ')} не входит в перечень региона дела (${municipality.slice(0, 2)}); допустимы: ${allowed.join(', ')}`,
    );
  }
  // Catalogue order, so the same finding prints the same way whatever order it was sent in.
  return SOP_CRITERIA.map((c) => c.code).filter((code) => codes.includes(code));
}

/**
 * The reason for registration of a resolution recognising the SOP: the criteria named (or, when
 * none are named, those of the conclusion it rests on) and an optional free text, as the account
 * card's «Причина постановки» allows (Mari El appendix 3, section 9). Any other resolution names none.
 */
export function registrationReason(
  kase: KdnCaseEntity,
  input: { kind: string; sopCriteria?: readonly string[] | null; registrationReasonNote?: string | null; sopSubject?: SopSubject | null },
): RegistrationReason | null {
  const note = v.optionalText('input.registrationReasonNote', input.registrationReasonNote, 1_000);
  if (input.kind !== 'SOP') {
    if (input.sopCriteria?.length)
      throw inputError(
        'input.sopCriteria',
        input.sopCriteria.join(', '),
        'resolution.sopCriteriaOnlyForSop',
        `причина постановки на учёт указывается только в постановлении о признании СОП (решение: ${input.kind})`,
      );
    if (note || input.sopSubject)
      throw inputError(
        note ? 'input.registrationReasonNote' : 'input.sopSubject',
        note ?? input.sopSubject,
        'resolution.sopReasonOnlyForSop',
        `указывается только в постановлении о признании СОП (решение: ${input.kind})`,
      );
    return null;
  }
  const fromConclusion = Array.isArray(kase.conclusion?.sopCriteria) ? (kase.conclusion!.sopCriteria as string[]) : [];
  const codes = input.sopCriteria?.length ? [...new Set(input.sopCriteria)] : fromConclusion;
  if (!codes.length) {
    throw inputError(
      'input.sopCriteria',
      '[]',
      'resolution.sopCriteriaRequired',
      'постановление о признании СОП называет причину постановки на учёт: укажите критерии социально опасного положения (sopCriteria); заключение по делу их не содержит',
    );
  }
  const criteria = knownCriteria('input.sopCriteria', kase.municipality, codes);
  const subject: SopSubject = input.sopSubject ?? 'FAMILY';
  return { criteria, note, subject };
}

/** The detecting body: the organisation whose signal the case was registered on; failing that, the source as the journal recorded it. */
export interface DetectingBody {
  /** Agency code (police, education ...) or, for citizens' and other sources, the source kind (NEIGHBOURS ...). */
  agency: string;
  organisationId: string | null;
  /** The organisation's name, or the source kind's caption («Соседи, знакомые»). */
  name: string;
  sourceKind: string;
}

export function detectingBodyOf(kase: Pick<KdnCaseEntity, 'detectingOrganisation' | 'sourceKind'>): DetectingBody {
  const organisation = kase.detectingOrganisation ? loadOrganisationRegistry().find(kase.detectingOrganisation) : null;
  if (organisation) return { agency: organisation.type, organisationId: organisation.id, name: organisation.name, sourceKind: kase.sourceKind };
  // Never the author of the conclusion: who checked the family did not detect it.
  const asAgency = kase.sourceKind.toLowerCase();
  const agency = asAgency in AGENCY_CAPTIONS ? asAgency : kase.sourceKind;
  return { agency, organisationId: kase.detectingOrganisation ?? null, name: SOURCE_KIND_CAPTIONS[kase.sourceKind as SourceKind] ?? kase.sourceKind, sourceKind: kase.sourceKind };
}

/**
 * The data bank entry of a resolution recognising the SOP (the database refuses any other, see the
 * sync migration). A family is recognised with its minors; a minor by himself (the reason's
 * subject MINOR, or a child in no family of the bank) is named alone, with his family when he has one.
 */
export async function enterSopRegister(em: EntityManager, cards: AccountCardService, kase: KdnCaseEntity, number: string, date: string, reason: RegistrationReason): Promise<void> {
  const [member] = await em.query(`SELECT family_id FROM family_member WHERE person_id = $1 ORDER BY family_id LIMIT 1`, [kase.childId]);
  const subject: SopSubject = member ? reason.subject : 'MINOR';
  if (!member && reason.subject === 'FAMILY' && reason.criteria.every((code) => SOP_CRITERIA.find((c) => c.code === code)?.subject === 'FAMILY')) {
    throw inputError(
      'input.sopSubject',
      'FAMILY',
      'register.family',
      `ребёнок не состоит в семье, зарегистрированной в банке: признать находящейся в СОП можно семью, зарегистрированную в банке (registerFamily), или несовершеннолетнего — укажите sopSubject: MINOR и критерий несовершеннолетнего (${minorCodes()})`,
    );
  }
  if (subject === 'MINOR' && !reason.criteria.some((code) => SOP_CRITERIA.find((c) => c.code === code)?.subject === 'MINOR')) {
    throw inputError('input.sopCriteria', reason.criteria.join(', '), 'register.minorCriterion', `несовершеннолетний признаётся находящимся в СОП по критерию несовершеннолетнего: ${minorCodes()}`);
  }
  const detecting = detectingBodyOf(kase);
  await em.query(
    `INSERT INTO register_entry (family_id, child_id, included_on, basis, case_id, detecting_agency, detecting_organisation, detecting_name, reason_criteria, reason_note, subject)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      member?.family_id ?? null,
      kase.childId,
      date,
      `Постановление КДН № ${number} от ${date}`,
      kase.id,
      detecting.agency,
      detecting.organisationId,
      detecting.name,
      reason.criteria,
      reason.note,
      subject,
    ],
  );
  if (member) await cards.publishCard(em, member.family_id, 'RegisterEntryOpened');
}

const minorCodes = () =>
  SOP_CRITERIA.filter((c) => c.subject === 'MINOR')
    .map((c) => c.code)
    .join(', ');
