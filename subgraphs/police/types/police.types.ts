import { Field, ID, ObjectType } from 'type-graphql';
import { AgencyNamespaceBase, AgencyProfileBase } from '../../common/agency/agency-profile.type';
import { DateTime, LocalDate } from '../../../schema/scalars';
import { DeliveryPlace, EmergencyOrigin, OffenceKind } from './police.enums';

@ObjectType({ description: 'Постановка несовершеннолетнего на учёт в ПДН' })
export class JuvenileRegistration {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  childId: string;

  @Field({ description: 'Подразделение по делам несовершеннолетних' })
  unit: string;

  @Field(() => LocalDate, { description: 'Дата постановки на учёт' })
  registeredOn: string;

  @Field({ description: 'Основание постановки' })
  reason: string;

  @Field(() => LocalDate, { nullable: true, description: 'Дата снятия с учёта; пусто, пока состоит на учёте' })
  removedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Основание снятия с учёта' })
  removalReason: string | null;

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => DateTime)
  updatedAt: Date;
}

@ObjectType({ description: 'Правонарушение, административное дело или преступление' })
export class Offence {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  childId: string;

  @Field(() => OffenceKind)
  kind: OffenceKind;

  @Field({ description: 'Статья кодекса, например «КоАП 20.22»' })
  article: string;

  @Field(() => LocalDate, { description: 'Дата совершения' })
  occurredOn: string;

  @Field({ description: 'Обстоятельства' })
  description: string;

  @Field(() => String, { nullable: true, description: 'Принятое решение' })
  decision: string | null;

  @Field(() => DateTime)
  createdAt: Date;
}

@ObjectType({ description: 'Семейно-бытовой конфликт с участием семьи ребёнка' })
export class DomesticIncident {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  childId: string;

  @Field(() => ID, { nullable: true })
  familyId: string | null;

  @Field(() => LocalDate, { description: 'Дата происшествия' })
  occurredOn: string;

  @Field({ description: 'Что произошло' })
  description: string;

  @Field(() => String, { nullable: true, description: 'Принятые меры' })
  measuresTaken: string | null;

  @Field(() => DateTime)
  createdAt: Date;
}

@ObjectType({ description: 'Шаг экстренных мер органа внутренних дел (Марий Эл, п. 7.2)' })
export class PoliceEmergencyStep {
  @Field({ description: 'GUARDIANSHIP_INFORMED, KDN_REPORT, SOCIAL_INFORMED или KDN_DELIVERY_REPORT; шаг показан, только если применяется' })
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

@ObjectType({ description: 'Экстренные меры органа внутренних дел о ребенке в опасности (Марий Эл, п. 7.2)' })
export class PoliceEmergencyResponse {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  childId: string;

  @Field(() => LocalDate, { description: 'Дата получения информации или выявления ребенка' })
  receivedOn: string;

  @Field(() => EmergencyOrigin)
  origin: string;

  @Field(() => DeliveryPlace, { nullable: true, description: 'Куда доставлен ребенок; пусто — передан родителям или иным лицам' })
  deliveredTo: string | null;

  @Field(() => LocalDate, { nullable: true })
  deliveredOn: string | null;

  @Field(() => String, { nullable: true, description: 'Акт выявления и учета беспризорного и безнадзорного несовершеннолетнего' })
  deliveryDocumentRef: string | null;

  @Field()
  description: string;

  @Field(() => [PoliceEmergencyStep], { description: 'Сроки экстренных мер: что сделано, что в срок, что просрочено' })
  emergencyTrack: PoliceEmergencyStep[];

  @Field(() => DateTime)
  createdAt: Date;
}

@ObjectType({ description: 'Раздел «Органы внутренних дел (ПДН)» единой карточки ребёнка' })
export class PoliceProfile extends AgencyProfileBase {
  @Field({ description: 'Состоит на учёте в ПДН сейчас' })
  onJuvenileRegister: boolean;

  @Field(() => [JuvenileRegistration], { description: 'Постановки на учёт в ПДН, последние первыми' })
  registrations: JuvenileRegistration[];

  @Field(() => [Offence], { description: 'Правонарушения и преступления, последние первыми' })
  offences: Offence[];

  @Field(() => [DomesticIncident], { description: 'Семейно-бытовые конфликты, последние первыми' })
  domesticIncidents: DomesticIncident[];

  @Field(() => [PoliceEmergencyResponse], { description: 'Экстренные меры (Марий Эл, п. 7.2), последние первыми' })
  emergencyResponses: PoliceEmergencyResponse[];
}

@ObjectType({ description: 'Операции органов внутренних дел' })
export class PoliceMutations extends AgencyNamespaceBase {}
