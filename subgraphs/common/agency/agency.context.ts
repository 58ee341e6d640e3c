import { GrantVerifier } from '../../../auth/access/access-grant';
import { SubgraphContext } from '../server/context';
import { AgencyRecordsLoaders } from './agency-records.loaders';
import { MeasureService } from './measure.service';
import { SignalService } from './signal.service';
import { SubjectStateLoader } from './subject-state';

export interface AgencyServices {
  signals: SignalService;
  measures: MeasureService;
}

/** Context of an agency subgraph: shared records plus whatever loaders the agency's own facts need. */
export type AgencyContext<TFactLoaders = object, TServices = object> = SubgraphContext<{
  services: AgencyServices & TServices;
  records: AgencyRecordsLoaders;
  facts: TFactLoaders;
  /** Checks the bank's access grants (see section-access.ts). */
  grants: GrantVerifier;
  /** The bank's word on the children and families this request names (section-access.ts re-checks grants with it). */
  subjects: SubjectStateLoader;
}>;
