import { Field, ID, ObjectType } from 'type-graphql';
import { AgencyNamespaceBase, AgencyProfileBase } from '../../common/agency/agency-profile.type';
import { DateTime, LocalDate } from '../../../schema/scalars';
import { BenefitKind, EmergencyReferrer, HandoverTo, PatronageKind, SocialSupportKind } from './social.enums';

@ObjectType({ description: 'Признание ребёнка (семьи) находящимся в трудной жизненной ситуации' })
export class DifficultSituation {
  @Field(() => ID)
  id: string;

  @Field(() => LocalDate, { description: 'Дата признания' })
  recognisedOn: string;

  @Field({ description: 'Номер решения органа социальной защиты' })
  decisionNumber: string;

  @Field(() => String, { nullable: true, description: 'Основание: обстоятельства, указанные в решении' })
  basis: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата прекращения (ситуация преодолена)' })
  endedOn: string | null;

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => DateTime)
  updatedAt: Date;
}

@ObjectType({ description: 'Социальное обслуживание или социальное сопровождение семьи' })
export class SocialSupport {
  @Field(() => ID)
  id: string;

  @Field(() => SocialSupportKind)
  kind: SocialSupportKind;

  @Field({ description: 'Поставщик социальных услуг' })
  provider: string;

  @Field(() => LocalDate, { description: 'Начало предоставления' })
  from: string;

  @Field(() => LocalDate, { nullable: true, description: 'Окончание (плановое или фактическое)' })
  to: string | null;

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => DateTime)
  updatedAt: Date;
}

@ObjectType({ description: 'Социальный патронаж семьи' })
export class SocialPatronage {
  @Field(() => ID)
  id: string;

  @Field(() => PatronageKind)
  kind: PatronageKind;

  @Field({ description: 'Учреждение, осуществляющее патронаж' })
  institution: string;

  @Field(() => LocalDate, { description: 'Начало патронажа' })
  startedOn: string;

  @Field(() => LocalDate, { nullable: true, description: 'Окончание патронажа' })
  endedOn: string | null;

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => DateTime)
  updatedAt: Date;
}

@ObjectType({ description: 'Пособие, выплата или помощь' })
export class SocialBenefit {
  @Field(() => ID)
  id: string;

  @Field(() => BenefitKind)
  kind: BenefitKind;

  @Field({ description: 'Сумма в рублях, десятичная строка с копейками, например «12345.60»: за месяц для ежемесячной выплаты, иначе всего' })
  amount: string;

  @Field({ description: 'Ежемесячная выплата (иначе единовременная)' })
  monthly: boolean;

  @Field(() => String, { nullable: true, description: 'Примечание; для вида OTHER — наименование выплаты' })
  note: string | null;

  @Field(() => LocalDate, { description: 'Начало выплаты (для единовременной — дата выплаты)' })
  from: string;

  @Field(() => LocalDate, { nullable: true, description: 'Окончание выплаты (плановое или фактическое)' })
  to: string | null;

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => DateTime)
  updatedAt: Date;
}

@ObjectType({ description: 'Шаг экстренного порядка органа социальной защиты (Марий Эл, п. 7.3)' })
export class SocialEmergencyStep {
  @Field({ description: 'LIVING_CONDITIONS_SURVEY или KDN_HANDOVER_REPORT; шаг показан, только если применяется' })
  step: string;

  @Field()
  caption: string;

  @Field(() => LocalDate, { description: 'Срок' })
  dueOn: string;

  @Field(() => LocalDate, { nullable: true, description: 'Дата выполнения; пусто — не отмечен' })
  doneOn: string | null;

  @Field(() => String, { nullable: true, description: 'Документ, которым выполнен шаг' })
  documentRef: string | null;

  @Field({ description: 'Пункт порядка, которым установлен шаг и его срок' })
  rule: string;

  @Field({ description: 'DONE, DUE или OVERDUE' })
  status: string;
}

@ObjectType({ description: 'Информация органу социальной защиты о ребенке во временном устройстве и его передача семье (Марий Эл, п. 7.3)' })
export class SocialEmergencyReferral {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  childId: string;

  @Field(() => LocalDate, { description: 'Дата получения информации' })
  receivedOn: string;

  @Field(() => EmergencyReferrer)
  referredBy: string;

  @Field()
  description: string;

  @Field(() => LocalDate, { nullable: true, description: 'Дата передачи ребенка родителям или иным лицам' })
  handedOverOn: string | null;

  @Field(() => HandoverTo, { nullable: true })
  handedOverTo: string | null;

  @Field(() => String, { nullable: true, description: 'Документ о передаче' })
  handoverDocumentRef: string | null;

  @Field(() => [SocialEmergencyStep], { description: 'Сроки экстренного порядка: что сделано, что в срок, что просрочено' })
  emergencyTrack: SocialEmergencyStep[];

  @Field(() => DateTime)
  createdAt: Date;
}

@ObjectType({ description: 'Раздел «Социальная защита» единой карточки ребёнка' })
export class SocialProfile extends AgencyProfileBase {
  @Field(() => [DifficultSituation], { description: 'Признание трудной жизненной ситуации, новые первыми' })
  difficultSituations: DifficultSituation[];

  @Field(() => [SocialSupport], { description: 'Социальное обслуживание и сопровождение, новые первыми' })
  supports: SocialSupport[];

  @Field(() => [SocialPatronage], { description: 'Социальный патронаж, новые первыми' })
  patronages: SocialPatronage[];

  @Field(() => [SocialBenefit], { description: 'Пособия и выплаты, новые первыми' })
  benefits: SocialBenefit[];

  @Field(() => [SocialEmergencyReferral], { description: 'Экстренный порядок (Марий Эл, п. 7.3), новые первыми' })
  emergencyReferrals: SocialEmergencyReferral[];
}

@ObjectType({ description: 'Операции органов и учреждений социальной защиты' })
export class SocialMutations extends AgencyNamespaceBase {}
