import { AgencyContext } from '../common/agency/agency.context';
import { SocialLoaders } from './loaders/social.loaders';
import { SocialServices } from './services/social.services';

export type SocialContext = AgencyContext<SocialLoaders, SocialServices>;
