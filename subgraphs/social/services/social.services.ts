import { DataSource } from 'typeorm';
import { BenefitService } from './benefit.service';
import { DifficultSituationService } from './difficult-situation.service';
import { EmergencyReferralService } from './emergency-referral.service';
import { PatronageService } from './patronage.service';
import { SocialSupportService } from './social-support.service';

export function createSocialServices(dataSource: DataSource) {
  return {
    difficultSituations: new DifficultSituationService(dataSource),
    supports: new SocialSupportService(dataSource),
    patronages: new PatronageService(dataSource),
    benefits: new BenefitService(dataSource),
    emergencyReferrals: new EmergencyReferralService(dataSource),
  };
}
export type SocialServices = ReturnType<typeof createSocialServices>;
