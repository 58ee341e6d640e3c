import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../../../../auth/principal';
import { BankContext } from '../../bank.context';
import { ProgrammeProposalRecord, ProgrammeProposalService } from '../services/programme-proposal.service';
import { AcceptProgrammeProposalInput, DeclineProgrammeProposalInput, ProgrammeProposal, ProposedRowInput } from '../types/programme-proposal.types';
import { isLead, isSupporting, teamOf, workersOf } from '../workflow/case-records';
import { caseForCaller } from './kdn-case.resolver';

const KDN_ROLES: readonly Role[] = ['kdn_chair', 'kdn_secretary', 'kdn_member'];

/** Stateless: one per data source, so the shared context needs no new entry. */
const services = new WeakMap<object, ProgrammeProposalService>();
function proposals(ctx: BankContext): ProgrammeProposalService {
  let service = services.get(ctx.dataSource);
  if (!service) services.set(ctx.dataSource, (service = new ProgrammeProposalService(ctx.dataSource)));
  return service;
}

function toProposal(row: ProgrammeProposalRecord): ProgrammeProposal {
  return { ...row, organisationType: row.agency };
}

/**
 * Programme drafting from proposals (Mari El appendix 5). Each operation first checks the caller
 * may see the case's child (the same audited identity rule as every case step), then the
 * drafting rules (workflow/case-records.ts PROGRAMME_RULES).
 */
@Resolver()
export class ProgrammeProposalResolver {
  @Mutation(() => [ProgrammeProposal], {
    description:
      'Направить куратору предложения в индивидуальную программу (основная и вспомогательные организации по постановлению, пока программа не утверждена); исполнитель предложенного — сама организация',
  })
  async proposeProgrammeRows(@Arg('caseId', () => ID) caseId: string, @Arg('rows', () => [ProposedRowInput]) rows: ProposedRowInput[], @Ctx() ctx: BankContext): Promise<ProgrammeProposal[]> {
    const kase = await caseForCaller(ctx, caseId);
    return (await proposals(ctx).propose(ctx.principal, kase.id, rows)).map(toProposal);
  }

  @Query(() => [ProgrammeProposal], { description: 'Предложения в программу по делу: куратор, КДН и основная организация видят все, вспомогательная — свои' })
  async programmeProposals(@Arg('caseId', () => ID) caseId: string, @Ctx() ctx: BankContext): Promise<ProgrammeProposal[]> {
    const kase = await caseForCaller(ctx, caseId);
    const { principal } = ctx;
    const team = teamOf(kase);
    const all = principal.roles.some((role) => KDN_ROLES.includes(role)) || (team.curator !== null && team.curator === principal.username) || isLead(principal, team);
    if (!all && !isSupporting(principal, team)) {
      throw new GraphQLError('Недостаточно прав: предложения в программу видят куратор, КДН, основная и вспомогательные организации по постановлению', {
        extensions: { code: 'FORBIDDEN', permission: 'case:programmeProposals', reason: 'case-role', workers: workersOf(principal, team) },
      });
    }
    const rows = await proposals(ctx).list(kase.id);
    return rows.filter((row) => all || row.organisationId === principal.organisation?.id).map(toProposal);
  }

  @Mutation(() => [ProgrammeProposal], {
    description: 'Составить проект программы из предложений (куратор случая или КДН): принятые становятся строками программы, исполнитель — предложившая организация; отклонённые — с причиной',
  })
  async composeProgramme(
    @Arg('caseId', () => ID) caseId: string,
    @Arg('accept', () => [AcceptProgrammeProposalInput], { defaultValue: [] }) accept: AcceptProgrammeProposalInput[],
    @Arg('decline', () => [DeclineProgrammeProposalInput], { defaultValue: [] }) decline: DeclineProgrammeProposalInput[],
    @Ctx() ctx: BankContext,
  ): Promise<ProgrammeProposal[]> {
    const kase = await caseForCaller(ctx, caseId);
    return (await proposals(ctx).compose(ctx.principal, kase.id, accept, decline)).map(toProposal);
  }
}
