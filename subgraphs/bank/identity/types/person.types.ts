import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Sex } from '../../../../schema/enums';
import { DateTime, LocalDate } from '../../../../schema/scalars';

/** Personal fields shared by Person (any family member) and Child (the subject of a case). */
@ObjectType()
export abstract class PersonFields {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'СНИЛС в формате 123-456-789 01' })
  snils: string | null;

  @Field({ description: 'Фамилия' })
  lastName: string;

  @Field({ description: 'Имя' })
  firstName: string;

  @Field(() => String, { nullable: true, description: 'Отчество' })
  middleName: string | null;

  @Field({ description: 'ФИО полностью' })
  fullName: string;

  @Field(() => LocalDate, { description: 'Дата рождения' })
  birthDate: string;

  @Field(() => Int, { description: 'Полных лет на сегодня' })
  age: number;

  @Field(() => Sex)
  sex: Sex;

  @Field(() => String, { nullable: true, description: 'Адрес регистрации' })
  registeredAddress: string | null;

  @Field(() => String, { nullable: true, description: 'Адрес фактического проживания' })
  actualAddress: string | null;

  @Field({ description: 'ОКТМО муниципального образования' })
  municipality: string;

  @Field(() => DateTime)
  createdAt: Date;
}

@ObjectType({ description: 'Человек (член семьи)' })
export class Person extends PersonFields {}

export enum RegistrationOutcome {
  FOUND = 'FOUND',
  CREATED = 'CREATED',
  LINKED = 'LINKED',
  CANDIDATES = 'CANDIDATES',
}
registerEnumType(RegistrationOutcome, {
  name: 'RegistrationOutcome',
  description: 'Итог поиска человека: найден по СНИЛС, создан, связан с подтверждённой записью, или нужны уточнения',
  valuesConfig: {
    FOUND: { description: 'Найден по СНИЛС' },
    CREATED: { description: 'Создана новая запись' },
    LINKED: { description: 'Связан с записью, выбранной отправителем' },
    CANDIDATES: { description: 'Есть похожие записи: ничего не сохранено, выберите linkToPersonId или confirmNew' },
  },
});

/**
 * What a registering caller learns about a matched record. A record it may read (its territory,
 * its case, consent) is shown enough to recognise the person; any other is an opaque reference:
 * the id to attach records to and nothing the caller did not send itself.
 */
@ObjectType({ description: 'Запись о человеке в объёме, достаточном для сверки; недоступная вызывающему запись — только идентификатор' })
export class PersonMatch {
  @Field(() => ID)
  id: string;

  @Field({ description: 'false: запись вне вашей области доступа, показан только идентификатор' })
  disclosed: boolean;

  @Field(() => String, { nullable: true })
  fullName: string | null;

  @Field(() => LocalDate, { nullable: true })
  birthDate: string | null;

  @Field(() => Sex, { nullable: true })
  sex: Sex | null;

  @Field(() => String, { nullable: true, description: 'ОКТМО' })
  municipality: string | null;

  @Field(() => String, { nullable: true, description: 'СНИЛС с открытыми двумя последними цифрами номера и контрольным числом' })
  maskedSnils: string | null;
}

@ObjectType({ description: 'Результат регистрации человека' })
export class PersonRegistration {
  @Field(() => RegistrationOutcome)
  outcome: RegistrationOutcome;

  @Field(() => PersonMatch, { nullable: true, description: 'Найденная, созданная или связанная запись' })
  person: PersonMatch | null;

  @Field(() => [PersonMatch], { description: 'Похожие записи (ФИО и дата рождения совпадают), если outcome = CANDIDATES' })
  candidates: PersonMatch[];
}

@InputType({ description: 'Как поступить при совпадении ФИО и даты рождения' })
export class MatchResolutionInput {
  @Field({ nullable: true, defaultValue: false, description: 'Это другой человек: создать новую запись' })
  confirmNew?: boolean;

  @Field(() => ID, { nullable: true, description: 'Это тот же человек: связать с этой записью' })
  linkToPersonId?: string | null;
}

@InputType({ description: 'Человек: поиск по СНИЛС или по ФИО и дате рождения, создание при отсутствии' })
export class RegisterPersonInput {
  @Field()
  idempotencyKey: string;

  @Field(() => String, { nullable: true })
  snils?: string | null;

  @Field()
  lastName: string;

  @Field()
  firstName: string;

  @Field(() => String, { nullable: true })
  middleName?: string | null;

  @Field(() => LocalDate)
  birthDate: string;

  @Field(() => Sex)
  sex: Sex;

  @Field(() => String, { nullable: true })
  registeredAddress?: string | null;

  @Field(() => String, { nullable: true })
  actualAddress?: string | null;

  @Field({ description: 'ОКТМО' })
  municipality: string;

  @Field(() => MatchResolutionInput, { nullable: true })
  resolution?: MatchResolutionInput | null;
}
