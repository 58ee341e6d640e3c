import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { decide, Decision, forbidden, requireAudited } from '../../../../auth/access/decide';
import { Operation } from '../../../../auth/access/permission-table';
import { PrintedDocument, printedDocument } from '../../../common/export/printed-document.type';
import { notFound } from '../../../common/errors';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { Family } from '../../family.reference';
import { AccountCard as CardJson } from '../../sync/account-card.service';
import { accountCardDocument, RegisterRow } from '../services/account-card.document';
import { AccountCardFillService } from '../services/account-card-fill.service';
import { CardAttachmentKind, CardRegistrationBody, HousingKind, IdentityDocumentKind } from '../types/account-card.enums';
import { AccountCard, Housing, Income, UpdateAccountCardInput } from '../types/account-card.types';

/** The GraphQL card carries its family's territory for the document's own check; not a field. */
type CardAnswer = AccountCard & { municipality: string };

/**
 * The family account card of the data bank: filled by whoever the region's procedure names
 * (register:write — the bank's operator, the KDN secretary, the case's curator), read and printed
 * by whoever keeps or fills the bank (register:read or register:write).
 */
@Resolver(() => AccountCard)
export class AccountCardResolver {
  @Mutation(() => AccountCard, {
    description:
      'Заполнить учетную карту семьи банка данных СОП (Марий Эл, приложение № 3; Мясниковский район, приложение № 2): отсутствующее поле не меняется, null очищает; семья на учете сразу передаётся в региональный банк',
  })
  async updateAccountCard(@Arg('familyId', () => ID) familyId: string, @Arg('input', () => UpdateAccountCardInput) input: UpdateAccountCardInput, @Ctx() ctx: BankContext): Promise<CardAnswer> {
    const family = await ctx.loaders.familyById.load(v.uuid('familyId', familyId));
    if (!family) throw notFound('Семья', familyId);
    // Decided before anything is stored; the write's own transaction carries its audit entry.
    requireAudited(ctx, 'register:write', { subject: await ctx.services.cases.familySubject(ctx.loaders, family, ctx.principal) }, { kind: 'Family', id: family.id });
    await new AccountCardFillService(ctx.dataSource, ctx.services.cards).update(ctx.principal, family.id, input);
    return toAnswer((await ctx.services.cards.card(ctx.dataSource.manager, family.id))!);
  }

  @FieldResolver(() => PrintedDocument, { description: 'Учетная карта для печати и подписи (DOCX) по форме региона семьи' })
  async document(@Root() card: CardAnswer, @Ctx() ctx: BankContext): Promise<PrintedDocument> {
    await requireCardAccess(ctx, { id: card.familyId, municipality: card.municipality });
    const json = await ctx.services.cards.card(ctx.dataSource.manager, card.familyId);
    if (!json) throw notFound('Семья', card.familyId);
    const register: Array<{ row: RegisterRow }> = await ctx.dataSource.query(`SELECT to_jsonb(e) AS row FROM register_entry e WHERE family_id = $1 ORDER BY included_on, id`, [card.familyId]);
    return printedDocument(
      `Учетная_карта_семьи_${card.familyId.slice(0, 8)}`,
      accountCardDocument(
        json,
        register.map((r) => r.row),
      ),
    );
  }
}

@Resolver(() => Family)
export class FamilyAccountCardResolver {
  @FieldResolver(() => AccountCard, { nullable: true, description: 'Учетная карта семьи банка данных СОП (оператор банка данных, секретарь КДН, куратор случая)' })
  async accountCard(@Root() family: Family, @Ctx() ctx: BankContext): Promise<CardAnswer | null> {
    await requireCardAccess(ctx, family);
    const json = await ctx.services.cards.card(ctx.dataSource.manager, family.id);
    return json ? toAnswer(json) : null;
  }
}

/** Who keeps the bank reads the card; who fills it reads what they fill. The first decision that allows is recorded. */
async function requireCardAccess(ctx: BankContext, family: { id: string; municipality: string }): Promise<void> {
  ctx.audit.subject('Family', family.id);
  const subject = await ctx.services.cases.familySubject(ctx.loaders, family, ctx.principal);
  let refused: Extract<Decision, { allowed: false }> | null = null;
  for (const operation of ['register:read', 'register:write'] as Operation[]) {
    const decision = decide(ctx.principal, operation, { purpose: ctx.meta.purpose, subject });
    if (decision.allowed) {
      ctx.audit.basis(decision.basis);
      if (decision.condition === 'emergency') ctx.audit.emergency();
      return;
    }
    refused ??= decision;
  }
  ctx.audit.denied(`${refused!.operation}:${refused!.reason}`);
  throw forbidden(refused!);
}

function toAnswer(card: CardJson): CardAnswer {
  const d = card.details;
  return {
    familyId: card.familyId,
    municipality: card.municipality,
    detectedOn: d.detectedOn,
    detectedBy: d.detectedBy,
    sopSigns: d.sopSigns,
    sopSituations: d.sopSituations as AccountCard['sopSituations'],
    parentProfiles: d.parentProfiles as AccountCard['parentProfiles'],
    housing: d.housing ? ({ ...d.housing, kind: d.housing.kind as HousingKind } as Housing) : null,
    income: d.income as Income | null,
    incomePerMember: d.incomePerMember,
    memberCount: d.memberCount,
    minorCount: d.minorCount,
    supportMeasures: d.supportMeasures,
    supportNotArranged: d.supportNotArranged,
    additionalInfo: d.additionalInfo,
    registrations: d.registrations.map((r) => ({ ...r, body: r.body as CardRegistrationBody, registeredOn: String(r.registeredOn) })),
    attachments: d.attachments.map((a) => ({ ...a, kind: a.kind as CardAttachmentKind, organisation: String(a.organisation) })),
    members: card.memberDetails.map((m) => ({
      personId: m.personId,
      birthPlace: m.birthPlace,
      document: m.document ? { ...m.document, kind: m.document.kind as IdentityDocumentKind } : null,
      occupation: m.occupation,
      phones: m.phones,
    })),
    updatedAt: d.updatedAt ? new Date(d.updatedAt) : null,
  };
}
