import { Field, InputType, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../../schema/scalars';
import { Child } from '../../child.reference';
import { Family } from '../../family.reference';

@InputType({ description: 'Признаки поиска ребёнка (хотя бы один; все заданные должны совпасть). Значения передаются только в переменных запроса' })
export class ChildSearchInput {
  @Field(() => String, { nullable: true, description: 'СНИЛС (123-456-789 01 или 11 цифр)' })
  snils?: string | null;

  @Field(() => String, { nullable: true, description: 'ФИО полностью или частью (например, фамилия): без учёта регистра и ё/е, с допуском опечатки' })
  name?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата рождения' })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Часть адреса регистрации или фактического проживания (слова в любом месте адреса)' })
  address?: string | null;
}

@InputType({ description: 'Признаки поиска семьи (хотя бы один; все заданные должны совпасть). Значения передаются только в переменных запроса' })
export class FamilySearchInput {
  @Field(() => String, { nullable: true, description: 'ФИО члена семьи полностью или частью: без учёта регистра и ё/е, с допуском опечатки' })
  memberName?: string | null;

  @Field(() => String, { nullable: true, description: 'Часть адреса семьи или одного из её членов' })
  address?: string | null;
}

@ObjectType({ description: 'Найденные дети: только те, чьи личные данные вам доступны (территория вашей организации; случай с её участием при согласии или по закону)' })
export class ChildSearchResult {
  @Field(() => [Child], { description: 'Сначала самые похожие по ФИО' })
  children: Child[];

  @Field({ description: 'Доступных совпадений больше лимита: уточните признаки поиска' })
  hasMore: boolean;
}

@ObjectType({ description: 'Найденные семьи: только те, чьи данные вам доступны' })
export class FamilySearchResult {
  @Field(() => [Family], { description: 'Сначала самые похожие по ФИО члена семьи' })
  families: Family[];

  @Field({ description: 'Доступных совпадений больше лимита: уточните признаки поиска' })
  hasMore: boolean;
}
