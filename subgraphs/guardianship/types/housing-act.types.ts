import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../schema/scalars';

@InputType({ description: 'Родитель в акте жилищно-бытовых условий' })
export class HousingActParentInput {
  @Field({ description: 'Фамилия' })
  lastName: string;

  @Field({ description: 'Имя' })
  firstName: string;

  @Field(() => String, { nullable: true, description: 'Отчество' })
  middleName?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата рождения' })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Место работы' })
  workplace?: string | null;

  @Field(() => String, { nullable: true, description: 'Должность' })
  position?: string | null;
}

@InputType({ description: 'Поля акта жилищно-бытовых условий семьи (Мясниковский район, приложение №1)' })
export class HousingActInput {
  @Field({ description: 'Фамилия семьи' })
  familyName: string;

  @Field(() => HousingActParentInput, { nullable: true, description: 'Отец' })
  father?: HousingActParentInput | null;

  @Field(() => HousingActParentInput, { nullable: true, description: 'Мать' })
  mother?: HousingActParentInput | null;

  @Field({ description: 'Адрес проживания' })
  address: string;

  @Field(() => String, { nullable: true, description: 'Телефон' })
  phone?: string | null;

  @Field(() => Int, { description: 'Количество членов семьи' })
  memberCount: number;

  @Field(() => Int, { description: 'в т.ч. несовершеннолетних' })
  minorCount: number;

  @Field({ description: 'Условия проживания (квартира или дом; количество комнат, общая жилая площадь, наличие коммунальных удобств, санитарное состояние)' })
  livingConditions: string;

  @Field({ description: 'Проблемы семьи (на основе соответствия критериев отнесения семей к категории находящихся в социально опасном положении)' })
  familyProblems: string;

  @Field(() => [String], { description: 'Специалисты, составившие акт (ФИО)' })
  specialists: string[];
}

@ObjectType({ description: 'Родитель в акте жилищно-бытовых условий' })
export class HousingActParent {
  @Field()
  lastName: string;

  @Field()
  firstName: string;

  @Field(() => String, { nullable: true })
  middleName: string | null;

  @Field(() => LocalDate, { nullable: true })
  birthDate: string | null;

  @Field(() => String, { nullable: true, description: 'Место работы' })
  workplace: string | null;

  @Field(() => String, { nullable: true, description: 'Должность' })
  position: string | null;
}

@ObjectType({ description: 'Поля акта жилищно-бытовых условий семьи (Мясниковский район, приложение №1)' })
export class HousingAct {
  @Field({ description: 'Фамилия семьи' })
  familyName: string;

  @Field(() => HousingActParent, { nullable: true })
  father: HousingActParent | null;

  @Field(() => HousingActParent, { nullable: true })
  mother: HousingActParent | null;

  @Field({ description: 'Адрес проживания' })
  address: string;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => Int, { description: 'Количество членов семьи' })
  memberCount: number;

  @Field(() => Int, { description: 'в т.ч. несовершеннолетних' })
  minorCount: number;

  @Field({ description: 'Условия проживания' })
  livingConditions: string;

  @Field({ description: 'Проблемы семьи' })
  familyProblems: string;

  @Field(() => [String], { description: 'Специалисты, составившие акт' })
  specialists: string[];
}
