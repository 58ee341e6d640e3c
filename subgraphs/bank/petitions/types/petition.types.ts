import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { AgencyCode } from '../../../../auth/principal';
import { Agency } from '../../../../schema/enums';
import { DateTime, LocalDate } from '../../../../schema/scalars';

export const PETITION_KINDS = ['REGISTRATION', 'REMOVAL'] as const;
export type PetitionKind = (typeof PETITION_KINDS)[number];

export const PetitionKindEnum = Object.fromEntries(PETITION_KINDS.map((k) => [k, k])) as { [K in PetitionKind]: K };
registerEnumType(PetitionKindEnum, {
  name: 'PetitionKind',
  description: 'Обращение субъекта профилактики к председателю КДН и ЗП (Мясниковский район, приложения №6 и №7)',
  valuesConfig: {
    REGISTRATION: { description: 'Представление о постановке семьи на учёт в районный банк данных (приложение №6)' },
    REMOVAL: { description: 'Ходатайство о снятии семьи с учёта в районном банке данных (приложение №7)' },
  },
});

@InputType({ description: 'Представление или ходатайство: поля формы (Мясниковский район, приложения №6 и №7)' })
export class FilePetitionInput {
  @Field(() => PetitionKindEnum)
  kind: PetitionKind;

  @Field(() => ID, { description: 'Семья' })
  familyId: string;

  @Field(() => ID, { nullable: true, description: 'Дело КДН по ребёнку семьи, если оно есть' })
  caseId?: string | null;

  @Field(() => String, { nullable: true, description: 'Адрес проживания семьи; если не указан — фактический адрес семьи из банка' })
  address?: string | null;

  @Field({ description: 'На основании (по причине)' })
  reason: string;

  @Field({ defaultValue: '', description: 'Подробное обоснование с изложением имеющихся фактов (обязательно для представления)' })
  grounds: string;

  @Field({ description: 'ФИО лица, представляющего субъект профилактики' })
  signerName: string;

  @Field({ description: 'Должность лица, представляющего субъект профилактики' })
  signerPosition: string;

  @Field(() => LocalDate, { description: 'Дата' })
  filedOn: string;
}

@ObjectType({ description: 'Представление о постановке семьи на учёт или ходатайство о снятии с учёта (Мясниковский район, приложения №6 и №7)' })
export class Petition {
  @Field(() => ID)
  id: string;

  @Field(() => PetitionKindEnum)
  kind: PetitionKind;

  @Field(() => ID)
  familyId: string;

  @Field(() => ID, { nullable: true })
  caseId: string | null;

  @Field({ description: 'Адрес проживания семьи' })
  address: string;

  @Field({ description: 'На основании (по причине)' })
  reason: string;

  @Field({ description: 'Подробное обоснование с изложением имеющихся фактов' })
  grounds: string;

  @Field({ description: 'ФИО лица, представляющего субъект профилактики' })
  signerName: string;

  @Field({ description: 'Должность' })
  signerPosition: string;

  @Field(() => LocalDate, { description: 'Дата' })
  filedOn: string;

  @Field(() => Agency, { description: 'Вид субъекта профилактики' })
  agency: AgencyCode;

  @Field(() => ID, { nullable: true, description: 'Субъект профилактики (ОГРН)' })
  organisationId: string | null;

  @Field({ description: 'Наименование субъекта профилактики' })
  organisationName: string;

  @Field({ description: 'Кто внёс (учётная запись)' })
  filedBy: string;

  @Field(() => DateTime)
  createdAt: Date;
}
