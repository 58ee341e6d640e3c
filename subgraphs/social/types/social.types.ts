import { Field, ID, ObjectType } from 'type-graphql';
import { AgencyNamespaceBase, AgencyProfileBase } from '../../common/agency/agency-profile.type';
import { DateTime, LocalDate } from '../../../schema/scalars';
import { BenefitKind, PatronageKind, SocialSupportKind } from './social.enums';

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
}

@ObjectType({ description: 'Операции органов и учреждений социальной защиты' })
export class SocialMutations extends AgencyNamespaceBase {}
