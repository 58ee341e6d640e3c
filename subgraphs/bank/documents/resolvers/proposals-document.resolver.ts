import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { Role } from '../../../../auth/principal';
import { inputError } from '../../../common/errors';
import { printedDocument, PrintedDocument } from '../../../common/export/printed-document.type';
import { BankContext } from '../../bank.context';
import { caseForCaller } from '../../cases/resolvers/kdn-case.resolver';
import { ProgrammeProposalService } from '../../cases/services/programme-proposal.service';
import { ProgrammeRowRecord } from '../../cases/services/programme.service';
import { KdnCase } from '../../cases/types/kdn-case.types';
import { isLead, isSupporting, teamOf, workersOf } from '../../cases/workflow/case-records';
import { familyOfChild } from '../services/document-data.service';
import { proposalsDocument } from '../services/proposals.document';

const KDN_ROLES: readonly Role[] = ['kdn_chair', 'kdn_secretary', 'kdn_member'];

/**
 * An organisation's proposals to the programme as the paper of Mari El appendix 5. Read as the
 * proposals are (programmeProposals): the case's access rule first (caseForCaller, audited), then
 * the curator, the commission and the lead print any organisation's, a supporting one its own.
 */
@Resolver(() => KdnCase)
export class ProposalsDocumentResolver {
  @FieldResolver(() => PrintedDocument, {
    nullable: true,
    description: 'Предложения организации в индивидуальную программу (Марий Эл, приложение № 5), DOCX; пусто, если организация предложений по делу не направляла',
  })
  async proposalsDocument(
    @Root() root: KdnCase,
    @Arg('organisationId', () => ID, { description: 'Предложившая организация (ОГРН)' }) organisationId: string,
    @Ctx() ctx: BankContext,
  ): Promise<PrintedDocument | null> {
    const kase = await caseForCaller(ctx, root.id);
    if (!loadOrganisationRegistry().find(organisationId)) throw inputError('organisationId', organisationId, 'organisation.known', 'организации с таким ОГРН нет в реестре организаций');
    const { principal } = ctx;
    const team = teamOf(kase);
    const all = principal.roles.some((role) => KDN_ROLES.includes(role)) || (team.curator !== null && team.curator === principal.username) || isLead(principal, team);
    if (!all && !(isSupporting(principal, team) && principal.organisation?.id === organisationId)) {
      ctx.audit.denied('case:programmeProposals:case-role');
      throw new GraphQLError('Недостаточно прав: предложения в программу печатают куратор, КДН и основная организация, вспомогательная — только свои', {
        extensions: { code: 'FORBIDDEN', permission: 'case:programmeProposals', reason: 'case-role', workers: workersOf(principal, team) },
      });
    }
    const proposals = (await new ProgrammeProposalService(ctx.dataSource).list(kase.id)).filter((p) => p.organisationId === organisationId);
    if (proposals.length === 0) return null;
    const rows = (await ctx.loaders.programmeByCase.load(kase.id)) as ProgrammeRowRecord[];
    const child = (await ctx.loaders.personById.load(kase.childId))!;
    const { fileName, spec } = proposalsDocument({ kase, family: await familyOfChild(ctx.loaders, child), organisationId, proposals, rows });
    return printedDocument(fileName, spec);
  }
}
