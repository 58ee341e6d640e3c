import { DataSource } from 'typeorm';
import { rowsByChild } from '../../common/agency/agency-records.loaders';
import { stepsByRecord } from '../../common/agency/track-step';
import { BenefitEntity } from '../entities/benefit.entity';
import { DifficultSituationEntity } from '../entities/difficult-situation.entity';
import { EmergencyReferralStepEntity } from '../entities/emergency-referral-step.entity';
import { EmergencyReferralEntity } from '../entities/emergency-referral.entity';
import { PatronageEntity } from '../entities/patronage.entity';
import { SocialSupportEntity } from '../entities/social-support.entity';

/** Per request; `createdAt` breaks ties so two records of one day always come in the same order. */
export function createSocialLoaders(dataSource: DataSource) {
  return {
    difficultSituations: rowsByChild(dataSource, DifficultSituationEntity, { recognisedOn: 'DESC', createdAt: 'DESC' }),
    supports: rowsByChild(dataSource, SocialSupportEntity, { from: 'DESC', createdAt: 'DESC' }),
    patronages: rowsByChild(dataSource, PatronageEntity, { startedOn: 'DESC', createdAt: 'DESC' }),
    benefits: rowsByChild(dataSource, BenefitEntity, { from: 'DESC', createdAt: 'DESC' }),
    emergencyReferrals: rowsByChild(dataSource, EmergencyReferralEntity, { receivedOn: 'DESC', createdAt: 'DESC' }),
    emergencySteps: stepsByRecord(dataSource, EmergencyReferralStepEntity),
  };
}
export type SocialLoaders = ReturnType<typeof createSocialLoaders>;
