import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { OrganisationType as OrganisationTypeCode } from '../../../../auth/organisations/organisation';
import { OrganisationType } from '../../../../schema/enums';
import { DateTime } from '../../../../schema/scalars';

@InputType({ description: 'Организация реестра: новая или изменённая запись (по ОГРН)' })
export class SaveOrganisationInput {
  @Field(() => ID, { description: 'ОГРН (13 цифр, последняя — контрольная): постоянный идентификатор организации' })
  id: string;

  @Field({ description: 'Краткий код для журналов и списков, например school3-vlk (латинские строчные буквы, цифры, дефис)' })
  code: string;

  @Field({ description: 'Наименование' })
  name: string;

  @Field(() => OrganisationType, { description: 'Вид органа или учреждения системы профилактики' })
  type: OrganisationTypeCode;

  @Field({ description: 'Вид учреждения: school, kindergarten, clinic, juvenile-unit...' })
  kind: string;

  @Field({ description: 'Код региона (2 цифры)' })
  region: string;

  @Field(() => [String], { description: 'Обслуживаемые территории (ОКТМО) этого региона' })
  territories: string[];

  @Field(() => ID, { nullable: true, description: 'Вышестоящая организация (ОГРН)' })
  parent: string | null;
}

@InputType({ description: 'Исключение организации из реестра (её запись остаётся: на неё ссылаются случаи и согласия)' })
export class RetireOrganisationInput {
  @Field(() => ID, { description: 'ОГРН организации' })
  id: string;

  @Field({ description: 'Основание исключения (ликвидация, реорганизация...)' })
  reason: string;
}

@InputType({ description: 'Перечень организаций, от имени которых действует информационная система' })
export class SystemOrganisationsInput {
  @Field({ description: 'Идентификатор клиента системы (OAuth clientId)' })
  clientId: string;

  @Field(() => String, { nullable: true, description: 'Наименование системы: обязательно для новой, для известной — если меняется' })
  name: string | null;

  @Field(() => [ID], { description: 'ОГРН организаций; пустой перечень — система не действует ни от чьего имени' })
  organisationIds: string[];
}

@ObjectType({ description: 'Версия реестра организаций после изменения. Сервисы применяют её при очередном обновлении (REGISTRY_REFRESH_MS)' })
export class RegistryChange {
  @Field(() => Int, { description: 'Номер версии реестра' })
  version: number;

  @Field(() => DateTime, { description: 'Когда версия записана' })
  changedAt: Date;

  @Field({ description: 'Что изменено' })
  change: string;

  @Field({ description: 'false: запрос ничего не изменил (повтор), версия прежняя' })
  changed: boolean;
}
