import { Field, ID, ObjectType } from 'type-graphql';
import { AgencyNamespaceBase, AgencyProfileBase } from '../../common/agency/agency-profile.type';
import { DateTime, LocalDate } from '../../../schema/scalars';
import { GuardianshipStatusKind, PlacementKind } from './guardianship.enums';
import { HousingAct } from './housing-act.types';

@ObjectType({ description: 'Акт обследования жилищно-бытовых условий' })
export class HousingInspection {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Номер акта' })
  actNumber: string;

  @Field(() => LocalDate, { description: 'Дата обследования' })
  inspectedOn: string;

  @Field({ description: 'Кто провёл обследование (ФИО, должность)' })
  inspector: string;

  @Field({ description: 'Заключение по результатам обследования' })
  conclusion: string;

  @Field({ description: 'Выявлена угроза жизни или здоровью ребёнка' })
  threatToLifeOrHealth: boolean;

  @Field(() => HousingAct, { nullable: true, description: 'Поля акта по форме (Мясниковский район, приложение №1); пусто — записан без них' })
  act: HousingAct | null;

  @Field(() => DateTime)
  createdAt: Date;
}

@ObjectType({ description: 'Шаг экстренного порядка после отобрания ребёнка' })
export class EmergencyTrackItem {
  @Field({ description: 'PROSECUTOR_NOTIFIED, REGISTER_ENTRY, COURT_CLAIM или KDN_REPORT; шаг показан, только если применяется к акту' })
  step: string;

  @Field()
  caption: string;

  @Field(() => LocalDate, { description: 'Срок' })
  dueOn: string;

  @Field(() => String, { nullable: true, description: 'Когда выполнен (момент или дата); пусто — не отмечен' })
  doneAt: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата выполнения' })
  doneOn: string | null;

  @Field(() => String, { nullable: true, description: 'Документ, которым выполнен шаг' })
  documentRef: string | null;

  @Field({ description: 'Пункт порядка, которым установлен шаг и его срок' })
  rule: string;

  @Field({ description: 'DONE, DUE или OVERDUE' })
  status: string;
}

@ObjectType({ description: 'Акт об отобрании ребёнка' })
export class RemovalAct {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Номер акта' })
  actNumber: string;

  @Field(() => LocalDate, { description: 'Дата отобрания' })
  removedOn: string;

  @Field({ description: 'Кем подписан (глава городского округа или муниципального района)' })
  signedBy: string;

  @Field(() => PlacementKind)
  placementKind: PlacementKind;

  @Field({ description: 'Кому передан или куда помещён ребёнок' })
  placementDescription: string;

  @Field(() => DateTime, { nullable: true, description: 'Когда уведомлён прокурор; пусто — уведомление ещё не отмечено' })
  prosecutorNotifiedAt: Date | null;

  @Field(() => [EmergencyTrackItem], { description: 'Сроки экстренного порядка (Марий Эл, разд. 7): что сделано, что в срок, что просрочено' })
  emergencyTrack: EmergencyTrackItem[];

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => DateTime)
  updatedAt: Date;
}

@ObjectType({ description: 'Положение ребёнка по учёту органа опеки и попечительства' })
export class GuardianshipStatus {
  @Field(() => GuardianshipStatusKind)
  status: GuardianshipStatusKind;

  @Field(() => LocalDate, { description: 'С какой даты' })
  since: string;

  @Field(() => ID, { nullable: true, description: 'Опекун, приёмный родитель или усыновитель: идентификатор лица в банке данных' })
  guardianPersonId: string | null;

  @Field(() => String, { nullable: true, description: 'Примечание' })
  note: string | null;

  @Field(() => DateTime)
  updatedAt: Date;
}

@ObjectType({ description: 'Раздел «Опека и попечительство» единой карточки ребёнка' })
export class GuardianshipProfile extends AgencyProfileBase {
  @Field(() => [HousingInspection], { description: 'Акты обследования жилищно-бытовых условий, новые первыми' })
  inspections: HousingInspection[];

  @Field(() => [RemovalAct], { description: 'Акты об отобрании, новые первыми' })
  removals: RemovalAct[];

  @Field(() => GuardianshipStatus, { nullable: true, description: 'Текущее положение; пусто — орган опеки сведений не передавал' })
  status: GuardianshipStatus | null;
}

@ObjectType({ description: 'Операции органа опеки и попечительства' })
export class GuardianshipMutations extends AgencyNamespaceBase {}
