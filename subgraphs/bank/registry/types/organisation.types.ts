import { Field, ID, ObjectType } from 'type-graphql';
import { OrganisationType as OrganisationTypeCode } from '../../../../auth/organisations/organisation';
import { OrganisationType } from '../../../../schema/enums';

@ObjectType({ description: 'Организация системы профилактики из реестра организаций региона' })
export class Organisation {
  @Field(() => ID, { description: 'ОГРН' })
  id: string;

  @Field({ description: 'Наименование' })
  name: string;

  @Field(() => OrganisationType)
  type: OrganisationTypeCode;

  @Field({ description: 'Вид учреждения (школа, детский сад, поликлиника, комиссия...)' })
  kind: string;

  @Field({ description: 'Код региона' })
  region: string;

  @Field(() => [String], { description: 'Обслуживаемые территории (ОКТМО)' })
  territories: string[];

  @Field(() => ID, { nullable: true, description: 'Вышестоящая организация (ОГРН)' })
  parent: string | null;
}
