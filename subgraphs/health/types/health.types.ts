import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { AgencyNamespaceBase, AgencyProfileBase } from '../../common/agency/agency-profile.type';
import { DateTime, LocalDate } from '../../../schema/scalars';
import { CareConcern, DisabilityGroup, HealthGroup } from './health.enums';

@ObjectType({ description: 'Сведения медицинской организации о ребёнке' })
export class HealthStatus {
  @Field({ description: 'Медицинская организация (поликлиника) прикрепления' })
  clinicName: string;

  @Field(() => String, { nullable: true, description: 'Педиатрический участок' })
  clinicDistrict: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата прикрепления' })
  attachedSince: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата последнего профилактического осмотра' })
  lastCheckupOn: string | null;

  @Field(() => HealthGroup, { nullable: true, description: 'Группа здоровья по итогам последнего осмотра' })
  healthGroup: HealthGroup | null;

  @Field({ description: 'Инвалидность установлена' })
  disabled: boolean;

  @Field(() => LocalDate, { nullable: true, description: 'Дата установления инвалидности' })
  disabledSince: string | null;

  @Field(() => DisabilityGroup, { nullable: true, description: 'Группа (категория) инвалидности' })
  disabilityGroup: DisabilityGroup | null;

  @Field(() => [CareConcern], { description: 'Признаки ненадлежащей заботы о здоровье ребёнка' })
  careConcerns: CareConcern[];

  @Field(() => String, { nullable: true, description: 'Примечание врача к признакам' })
  careConcernNote: string | null;

  @Field(() => DateTime)
  updatedAt: Date;
}

@ObjectType({ description: 'Раздел «Здравоохранение» единой карточки ребёнка' })
export class HealthProfile extends AgencyProfileBase {
  @Field(() => HealthStatus, { nullable: true, description: 'Текущие сведения медицинской организации' })
  status: HealthStatus | null;
}

@ObjectType({ description: 'Операции медицинских организаций' })
export class HealthMutations extends AgencyNamespaceBase {}

@InputType({ description: 'Сведения медицинской организации о ребёнке; повтор заменяет прежнюю запись' })
export class RecordHealthStatusInput {
  @Field(() => ID)
  childId: string;

  @Field()
  clinicName: string;

  @Field(() => String, { nullable: true })
  clinicDistrict?: string | null;

  @Field(() => LocalDate, { nullable: true })
  attachedSince?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Указывается вместе с группой здоровья' })
  lastCheckupOn?: string | null;

  @Field(() => HealthGroup, { nullable: true })
  healthGroup?: HealthGroup | null;

  @Field()
  disabled: boolean;

  @Field(() => LocalDate, { nullable: true, description: 'Обязательна, если инвалидность установлена' })
  disabledSince?: string | null;

  @Field(() => DisabilityGroup, { nullable: true })
  disabilityGroup?: DisabilityGroup | null;

  @Field(() => [CareConcern], { description: 'Пустой список, если признаков нет' })
  careConcerns: CareConcern[];

  @Field(() => String, { nullable: true, description: 'Обязательно при признаке OTHER' })
  careConcernNote?: string | null;
}
