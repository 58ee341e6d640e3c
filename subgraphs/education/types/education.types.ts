import { Field, InputType, Int, ObjectType, ID } from 'type-graphql';
import { AgencyNamespaceBase, AgencyProfileBase } from '../../common/agency/agency-profile.type';
import { DateTime, LocalDate } from '../../../schema/scalars';

@ObjectType({ description: 'Сведения школы об учащемся за учебный год' })
export class SchoolStatus {
  @Field({ description: 'Учебный год, например 2025/2026' })
  academicYear: string;

  @Field({ description: 'Образовательная организация' })
  schoolName: string;

  @Field({ description: 'Класс' })
  className: string;

  @Field(() => Int, { description: 'Пропуски без уважительной причины (уроков)' })
  unexcusedAbsences: number;

  @Field(() => Int, { description: 'Неудовлетворительные оценки за период' })
  failingGrades: number;

  @Field({ description: 'Состоит на внутришкольном учёте' })
  internalRegister: boolean;

  @Field(() => LocalDate, { nullable: true })
  internalRegisterSince: string | null;

  @Field(() => String, { nullable: true })
  internalRegisterReason: string | null;

  @Field(() => DateTime)
  updatedAt: Date;
}

@ObjectType({ description: 'Раздел «Образование» единой карточки ребёнка' })
export class EducationProfile extends AgencyProfileBase {
  @Field(() => SchoolStatus, { nullable: true, description: 'Текущие сведения школы (последний учебный год)' })
  schoolStatus: SchoolStatus | null;
}

@ObjectType({ description: 'Операции системы образования' })
export class EducationMutations extends AgencyNamespaceBase {}

@InputType({ description: 'Сведения школы об учащемся; повтор за тот же учебный год заменяет запись' })
export class RecordSchoolStatusInput {
  @Field(() => ID)
  childId: string;

  @Field()
  academicYear: string;

  @Field()
  schoolName: string;

  @Field()
  className: string;

  @Field(() => Int)
  unexcusedAbsences: number;

  @Field(() => Int)
  failingGrades: number;

  @Field()
  internalRegister: boolean;

  @Field(() => LocalDate, { nullable: true })
  internalRegisterSince?: string | null;

  @Field(() => String, { nullable: true })
  internalRegisterReason?: string | null;
}
