import { DataSource } from 'typeorm';
import { SubgraphContext } from '../common/server/context';
import { BankLoaders } from './loaders/bank.loaders';
import { FamilyService } from './identity/services/family.service';
import { IdentityService } from './identity/services/identity.service';
import { CaseRelationshipService } from './access/services/case-relationship.service';
import { ConsentService } from './access/services/consent.service';
import { KdnCaseService } from './cases/services/kdn-case.service';
import { MonitoringReportService } from './reports/services/monitoring-report.service';
import { GrantSigner } from '../../auth/access/access-grant';
import { ProgrammeService } from './cases/services/programme.service';
import { CaseRecordService } from './cases/services/case-record.service';
import { RegionalFeedService } from './sync/regional-feed.service';
import { AccountCardService } from './sync/account-card.service';
import { QuarterlyListService } from './register/services/quarterly-list.service';
import { ReconciliationService } from './register/services/reconciliation.service';
import { PetitionService } from './petitions/services/petition.service';

export type BankContext = SubgraphContext<{
  dataSource: DataSource;
  loaders: BankLoaders;
  services: {
    identity: IdentityService;
    families: FamilyService;
    cases: CaseRelationshipService;
    consents: ConsentService;
    kdnCases: KdnCaseService;
    reports: MonitoringReportService;
    quarterlyList: QuarterlyListService;
    reconciliation: ReconciliationService;
    programme: ProgrammeService;
    caseRecords: CaseRecordService;
    feed: RegionalFeedService;
    cards: AccountCardService;
    petitions: PetitionService;
  };
  signGrant: GrantSigner;
  /** The bank's settings read once at start (see SubgraphConfig). */
  settings: { caseViewNotice: boolean };
}>;
