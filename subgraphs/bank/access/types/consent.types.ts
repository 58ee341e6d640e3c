import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { AgencyCode } from '../../../../auth/principal';
import { DATA_CATEGORIES } from '../../../../auth/access/data-categories';
import { PURPOSES } from '../../../../auth/access/purposes';
import { Agency } from '../../../../schema/enums';
import { DateTime, LocalDate } from '../../../../schema/scalars';

export const DataCategoryEnum = Object.fromEntries(DATA_CATEGORIES.map((c) => [c.toUpperCase(), c]));
registerEnumType(DataCategoryEnum, { name: 'DataCategory', description: 'Категория персональных данных' });
export const PurposeEnum = Object.fromEntries(PURPOSES.map((p) => [p, p]));
registerEnumType(PurposeEnum, { name: 'Purpose', description: 'Цель обработки' });

/** Values equal their names: a default value in the SDL is not mapped through enum values when the subgraph schema is rebuilt. */
export enum ConsentProvision {
  PERMIT = 'PERMIT',
  DENY = 'DENY',
}
registerEnumType(ConsentProvision, { name: 'ConsentProvision', description: 'Разрешение или запрет' });

@ObjectType({ description: 'Согласие (или запрет) законного представителя на обработку и передачу данных' })
export class Consent {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  childId: string;

  @Field(() => ID, { description: 'Законный представитель, давший согласие' })
  grantorId: string;

  @Field(() => [Agency], { description: 'Кому: виды ведомств (их организации на территориях territories)' })
  grantees: AgencyCode[];

  @Field(() => [String], { description: 'Территории (ОКТМО), на которых согласие распространяется на организации указанных видов' })
  territories: string[];

  @Field(() => [ID], { description: 'Кому: конкретные организации (ОГРН)' })
  organisationIds: string[];

  @Field(() => [DataCategoryEnum], { description: 'Какие категории данных' })
  categories: string[];

  @Field(() => [PurposeEnum], { description: 'Для каких целей' })
  purposes: string[];

  @Field(() => ConsentProvision)
  provision: string;

  @Field(() => LocalDate)
  validFrom: string;

  @Field(() => LocalDate, { nullable: true })
  validTo: string | null;

  @Field({ description: 'Реквизиты бумажного документа или скана' })
  documentRef: string;

  @Field({ description: 'active, withdrawn или expired' })
  status: string;

  @Field(() => DateTime, { nullable: true })
  withdrawnAt: Date | null;
}

@InputType({ description: 'Запись согласия или запрета законного представителя' })
export class RecordConsentInput {
  @Field(() => ID)
  childId: string;

  @Field(() => ID)
  grantorId: string;

  @Field(() => [Agency], { defaultValue: [], description: 'Виды ведомств: их организации, обслуживающие территории territories' })
  grantees: AgencyCode[];

  @Field(() => [String], { nullable: true, description: 'ОКТМО, где согласие действует для видов grantees; по умолчанию — только территория ребёнка, никогда не весь регион' })
  territories?: string[] | null;

  @Field(() => [ID], { defaultValue: [], description: 'Конкретные организации (ОГРН из реестра)' })
  organisationIds: string[];

  @Field(() => [DataCategoryEnum])
  categories: string[];

  @Field(() => [PurposeEnum])
  purposes: string[];

  @Field(() => ConsentProvision, { defaultValue: ConsentProvision.PERMIT })
  provision: ConsentProvision;

  @Field(() => LocalDate)
  validFrom: string;

  @Field(() => LocalDate, { nullable: true })
  validTo?: string | null;

  @Field()
  documentRef: string;
}

@ObjectType({ description: 'Экстренный доступ (угроза жизни): ограничен по времени, проверяется аудитором' })
export class EmergencyAccess {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  childId: string;

  @Field()
  justification: string;

  @Field(() => DateTime)
  openedAt: Date;

  @Field(() => DateTime)
  until: Date;
}

@InputType()
export class OpenEmergencyAccessInput {
  @Field(() => ID)
  childId: string;

  @Field({ description: 'Письменное обоснование: что угрожает ребёнку (связный текст: не менее 20 символов и трёх слов)' })
  justification: string;
}
