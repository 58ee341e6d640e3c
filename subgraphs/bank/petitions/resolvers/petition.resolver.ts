import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAudited } from '../../../../auth/access/decide';
import { AccessSubject } from '../../../../auth/access/decide';
import { inputError, notFound } from '../../../common/errors';
import { printedDocument, PrintedDocument } from '../../../common/export/printed-document.type';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { familyWithMembers, organisationName } from '../../documents/services/document-data.service';
import { PetitionEntity } from '../entities/petition.entity';
import { petitionDocument } from '../services/petition.document';
import { FilePetitionInput, Petition } from '../types/petition.types';

const toPetition = (row: PetitionEntity): Petition => ({
  ...row,
  kind: row.kind as Petition['kind'],
  agency: row.agency as Petition['agency'],
  organisationName: organisationName(row.organisationId),
});

/**
 * An agency (a subject of prevention) files a представление or ходатайство about a family it
 * serves or helps in a case; the KDN of the family's territory reads them, the agency its own.
 * Authorised by decide() over the family (petition:write / petition:read) before anything is
 * stored or shown; the write's audit entry is written in its transaction.
 */
@Resolver(() => Petition)
export class PetitionResolver {
  @Mutation(() => Petition, {
    description: 'Подать представление о постановке семьи на учёт в банк данных СОП или ходатайство о снятии (субъект профилактики; Мясниковский район, приложения №6 и №7)',
  })
  async filePetition(@Arg('input', () => FilePetitionInput) input: FilePetitionInput, @Ctx() ctx: BankContext): Promise<Petition> {
    const family = await ctx.loaders.familyById.load(v.uuid('input.familyId', input.familyId));
    if (!family) throw notFound('Семья', input.familyId);
    requireAudited(ctx, 'petition:write', { subject: await ctx.services.cases.familySubject(ctx.loaders, family, ctx.principal) }, { kind: 'Family', id: family.id });
    return toPetition(await ctx.services.petitions.file(ctx.principal, family, input));
  }

  @Query(() => [Petition], { description: 'Представления и ходатайства по семье или по делу: КДН видит все по своей территории, ведомство — поданные своей организацией' })
  async petitions(
    @Arg('familyId', () => ID, { nullable: true }) familyId: string | null,
    @Arg('caseId', () => ID, { nullable: true }) caseId: string | null,
    @Ctx() ctx: BankContext,
  ): Promise<Petition[]> {
    if (familyId == null && caseId == null) throw inputError('familyId', null, 'petition.scope', 'укажите семью (familyId) или дело (caseId)');
    let subject: AccessSubject;
    let audited: { kind: 'Family' | 'Child'; id: string };
    if (familyId != null) {
      const family = await ctx.loaders.familyById.load(v.uuid('familyId', familyId));
      if (!family) throw notFound('Семья', familyId);
      subject = await ctx.services.cases.familySubject(ctx.loaders, family, ctx.principal);
      audited = { kind: 'Family', id: family.id };
    } else {
      const kase = await ctx.services.kdnCases.load(caseId!);
      const child = await ctx.loaders.personById.load(kase.childId);
      if (!child) throw notFound('Ребёнок', kase.childId);
      subject = await ctx.services.cases.childSubject(ctx.loaders, child, ctx.principal);
      audited = { kind: 'Child', id: child.id };
    }
    const { principal } = ctx;
    const decision = requireAudited(ctx, 'petition:read', { agency: principal.agency ?? undefined, subject }, audited);
    const rows = await ctx.services.petitions.list({ familyId: familyId == null ? null : v.uuid('familyId', familyId), caseId: caseId == null ? null : v.uuid('caseId', caseId) });
    // An agency reads what its own organisation filed; the commission reads all of its territory.
    const visible = decision.condition === 'own-agency' ? rows.filter((r) => (principal.organisation ? r.organisationId === principal.organisation.id : r.agency === principal.agency)) : rows;
    for (const familyOfRow of new Set(visible.map((r) => r.familyId))) ctx.audit.subject('Family', familyOfRow);
    return visible.map(toPetition);
  }

  @FieldResolver(() => PrintedDocument, { description: 'Представление (приложение №6) или ходатайство (приложение №7) для печати и подписи, DOCX' })
  async document(@Root() petition: Petition, @Ctx() ctx: BankContext): Promise<PrintedDocument> {
    // The parent was authorised (filePetition, petitions); the document names the family's members.
    const family = await ctx.loaders.familyById.load(petition.familyId);
    if (!family) throw notFound('Семья', petition.familyId);
    ctx.audit.subject('Family', family.id);
    const { fileName, spec } = petitionDocument(petition as unknown as PetitionEntity, await familyWithMembers(ctx.loaders, family), petition.organisationName);
    return printedDocument(fileName, spec);
  }
}
