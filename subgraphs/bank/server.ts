import { GraphQLSchema } from 'graphql';
import { PrincipalResolver } from '../../auth/principal';
import { buildFederatedSchema } from '../../schema/build-federated-schema';
import { SubgraphConfig } from '../common/config';
import { createSubgraphDataSource, openSubgraphDatabase } from '../common/db/data-source';
import { createSubgraphServer, RunningService, SharedInProcess } from '../common/server/create-subgraph-server';
import { childReference } from './child.reference';
import { FamilyEntity, FamilyMemberEntity, IdempotentRequestEntity, RegisterEntryEntity } from './identity/entities/family.entity';
import { PersonEntity } from './identity/entities/person.entity';
import { familyReference } from './family.reference';
import { createBankLoaders } from './loaders/bank.loaders';
import { Identity1763800000001 } from './migrations/1763800000001-identity.migration';
import { CaseParticipation1763800000002 } from './migrations/1763800000002-case-participation.migration';
import { CaseParticipationEntity } from './access/entities/case-participation.entity';
import { ConsentEntity, EmergencyAccessEntity } from './access/entities/consent.entity';
import { Consent1763800000003 } from './migrations/1763800000003-consent.migration';
import { ConsentService } from './access/services/consent.service';
import { ConsentResolver } from './access/resolvers/consent.resolver';
import { PersonResolver } from './identity/resolvers/person.resolver';
import { KdnCaseResolver } from './cases/resolvers/kdn-case.resolver';
import { CaseMessagesResolver } from './cases/resolvers/case-messages.resolver';
import { KdnCaseEntity } from './cases/entities/kdn-case.entity';
import { KdnCase1763800000004 } from './migrations/1763800000004-kdn-case.migration';
import { Notification1763800000005 } from './migrations/1763800000005-notification.migration';
import { Programme1763800000006 } from './migrations/1763800000006-programme.migration';
import { ProgrammeResolver } from './cases/resolvers/programme.resolver';
import { CASE_READBACK_RESOLVERS } from './cases/resolvers/case-readback.resolver';
import { CaseReadback1763800000034 } from './migrations/1763800000034-case-readback.migration';
import { ProgrammeProposalResolver } from './cases/resolvers/programme-proposal.resolver';
import { ProgrammeProposals1763800000033 } from './migrations/1763800000033-programme-proposals.migration';
import { ProgrammeService } from './cases/services/programme.service';
import { CaseRecordService } from './cases/services/case-record.service';
import { KdnCaseService } from './cases/services/kdn-case.service';
import { MonitoringReportService } from './reports/services/monitoring-report.service';
import { MonitoringReportResolver } from './reports/resolvers/monitoring-report.resolver';
import { JournalMessageResolver } from './cases/resolvers/journal-message.resolver';
import { LawEnforcementResolver } from './cases/resolvers/law-enforcement.resolver';
import { JournalMessages1763800000046 } from './migrations/1763800000046-journal-messages.migration';
import { LawEnforcementReports1763800000047 } from './migrations/1763800000047-law-enforcement-reports.migration';
import { loadIndicatorCatalogue } from '../../schema/catalogue/indicator.catalogue';
import { CaseRelationshipService } from './access/services/case-relationship.service';
import { createGrantSigner } from '../../auth/access/access-grant';
import { ConfigError } from '../common/config';
import { ChildResolver } from './identity/resolvers/child.resolver';
import { FamilyResolver } from './identity/resolvers/family.resolver';
import { IdentityResolver } from './identity/resolvers/identity.resolver';
import { FamilyService } from './identity/services/family.service';
import { Outbox1763800000099 } from '../common/events/outbox.migration';
import { Sync1763800000007 } from './migrations/1763800000007-sync.migration';
import { Journal1763800000008 } from './migrations/1763800000008-journal.migration';
import { SubjectState1763800000009 } from './migrations/1763800000009-subject-state.migration';
import { Organisations1763800000020 } from './migrations/1763800000020-organisations.migration';
import { CaseViewNotice1763800000035 } from './migrations/1763800000035-case-view-notice.migration';
import { CaseMessages1763800000036 } from './migrations/1763800000036-case-messages.migration';
import { Registry1763800000022 } from './migrations/1763800000022-registry.migration';
import { RegistryAdminResolver } from './registry/resolvers/registry-admin.resolver';
import { registryHandler } from './registry/services/registry-http';
import { CaseOrganisations1763800000023 } from './migrations/1763800000023-case-organisations.migration';
import { NotificationDelivery1763800000021 } from './migrations/1763800000021-notification-delivery.migration';
import { AccountCardService } from './sync/account-card.service';
import { RegionalFeedService } from './sync/regional-feed.service';
import { RegisterResolver } from './register/resolvers/register.resolver';
import { RegisterExportResolver } from './register/resolvers/register-export.resolver';
import { OperatorReportResolver } from './register/resolvers/operator-report.resolver';
import { OperatorReport1763800000049 } from './migrations/1763800000049-operator-report.migration';
import { OrganisationResolver } from './registry/resolvers/organisation.resolver';
import { QuarterlyListService } from './register/services/quarterly-list.service';
import { ReconciliationService } from './register/services/reconciliation.service';
import { IdentityService } from './identity/services/identity.service';
import { SearchResolver } from './search/resolvers/search.resolver';
import { Search1763800000030 } from './migrations/1763800000030-search.migration';
import { CaseCorrectionResolver, ProgrammeRowVersionResolver } from './cases/resolvers/case-correction.resolver';
import { CaseCorrections1763800000032 } from './migrations/1763800000032-case-corrections.migration';
import { InboxResolver } from './notifications/resolvers/inbox.resolver';
import { NotificationStream1763800000031 } from './migrations/1763800000031-notification-stream.migration';
import { SopRegister1763800000042 } from './migrations/1763800000042-sop-register.migration';
import { MemberInstruction1763800000043 } from './migrations/1763800000043-member-instruction.migration';
import { SopResolver } from './cases/resolvers/sop.resolver';
import { CaseDocumentsResolver, CaseRecordDocumentResolver } from './documents/resolvers/case-documents.resolver';
import { PetitionResolver } from './petitions/resolvers/petition.resolver';
import { PetitionEntity } from './petitions/entities/petition.entity';
import { PetitionService } from './petitions/services/petition.service';
import { Petitions1763800000040 } from './migrations/1763800000040-petitions.migration';
import { AccountCard1763800000044 } from './migrations/1763800000044-account-card.migration';
import { AccountCardResolver, FamilyAccountCardResolver } from './identity/resolvers/account-card.resolver';
import { SignalJournalResolver } from './journal/resolvers/signal-journal.resolver';
import { ProposalsDocumentResolver } from './documents/resolvers/proposals-document.resolver';

let schema: Promise<GraphQLSchema> | undefined;

/** Built once per process: type-graphql's metadata is global. */
export function bankSchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema(
    {
      resolvers: [
        ChildResolver,
        FamilyResolver,
        IdentityResolver,
        ConsentResolver,
        PersonResolver,
        KdnCaseResolver,
        CaseMessagesResolver,
        ProgrammeResolver,
        ProgrammeProposalResolver,
        RegisterResolver,
        RegisterExportResolver,
        OrganisationResolver,
        RegistryAdminResolver,
        SearchResolver,
        CaseCorrectionResolver,
        ProgrammeRowVersionResolver,
        InboxResolver,
        ...CASE_READBACK_RESOLVERS,
        SopResolver,
        CaseDocumentsResolver,
        CaseRecordDocumentResolver,
        PetitionResolver,
        MonitoringReportResolver,
        JournalMessageResolver,
        LawEnforcementResolver,
        AccountCardResolver,
        FamilyAccountCardResolver,
        SignalJournalResolver,
        ProposalsDocumentResolver,
        OperatorReportResolver,
      ],
    },
    { ...childReference, ...familyReference },
  );
  return schema;
}

/** Builds the bank subgraph (connects, migrates) without listening. */
export async function buildBankSubgraph(config: SubgraphConfig, verifier: PrincipalResolver, shared?: SharedInProcess) {
  const source = createSubgraphDataSource({
    schema: 'bank',
    url: config.databaseUrl,
    entities: [
      PersonEntity,
      FamilyEntity,
      FamilyMemberEntity,
      RegisterEntryEntity,
      IdempotentRequestEntity,
      CaseParticipationEntity,
      ConsentEntity,
      EmergencyAccessEntity,
      KdnCaseEntity,
      PetitionEntity,
    ],
    migrations: [
      Identity1763800000001,
      CaseParticipation1763800000002,
      Consent1763800000003,
      KdnCase1763800000004,
      Notification1763800000005,
      Programme1763800000006,
      Sync1763800000007,
      Journal1763800000008,
      SubjectState1763800000009,
      Organisations1763800000020,
      NotificationDelivery1763800000021,
      Registry1763800000022,
      CaseOrganisations1763800000023,
      Search1763800000030,
      NotificationStream1763800000031,
      CaseCorrections1763800000032,
      ProgrammeProposals1763800000033,
      CaseReadback1763800000034,
      CaseViewNotice1763800000035,
      CaseMessages1763800000036,
      Petitions1763800000040,
      SopRegister1763800000042,
      MemberInstruction1763800000043,
      AccountCard1763800000044,
      JournalMessages1763800000046,
      LawEnforcementReports1763800000047,
      OperatorReport1763800000049,
      Outbox1763800000099,
    ],
    poolSize: config.poolSize,
  });
  await openSubgraphDatabase(source);
  const { dataSource } = source;
  if (!config.accessGrants.privateKey) throw new ConfigError('The bank needs the access grant private key');
  const signGrant = createGrantSigner(config.accessGrants.privateKey);
  const settings = { caseViewNotice: config.caseViewNotice ?? false };
  const cards = new AccountCardService();
  const services = {
    identity: new IdentityService(dataSource),
    families: new FamilyService(dataSource),
    cases: new CaseRelationshipService(dataSource),
    consents: new ConsentService(dataSource),
    kdnCases: new KdnCaseService(dataSource, loadIndicatorCatalogue(), cards),
    feed: new RegionalFeedService(dataSource, cards),
    cards,
    reports: new MonitoringReportService(dataSource),
    quarterlyList: new QuarterlyListService(dataSource),
    reconciliation: new ReconciliationService(dataSource),
    programme: new ProgrammeService(dataSource),
    caseRecords: new CaseRecordService(dataSource),
    petitions: new PetitionService(dataSource),
  };
  const server = createSubgraphServer({
    config,
    schema: await bankSchema(),
    dataSource,
    verifier,
    createContext: () => ({ dataSource, services, signGrant, settings, loaders: createBankLoaders(dataSource) }),
    shared,
  });
  // The gateway's way to the organisation registry (it has no database connection).
  server.app.get('/registry', registryHandler(server.registry.query));
  return {
    ...source,
    async start(): Promise<RunningService> {
      const running = await server.start();
      return {
        ...running,
        async stop() {
          await running.stop();
          await dataSource.destroy();
        },
      };
    },
  };
}
