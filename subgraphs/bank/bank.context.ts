import { DataSource } from 'typeorm';
import { SubgraphContext } from '../common/server/context';
import { BankLoaders } from './loaders/bank.loaders';
import { FamilyService } from './services/family.service';
import { IdentityService } from './services/identity.service';

export type BankContext = SubgraphContext<{
  dataSource: DataSource;
  loaders: BankLoaders;
  services: { identity: IdentityService; families: FamilyService };
}>;
