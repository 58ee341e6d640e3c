import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { FamilyCategory } from '../../../../schema/enums';
import { DateTime, LocalDate } from '../../../../schema/scalars';
import { CardAttachmentKind, CardRegistrationBody, ChildLivingCondition, HousingComfort, HousingKind, IdentityDocumentKind, ParentProfile, SanitaryState, SopSituation } from './account-card.enums';

/*
 * The family account card's own fields (Mari El appendix 3, Myasnikovsky appendix 2). A class is
 * both the input and the answer where they are the same shape: what is written is what is read.
 * In UpdateAccountCardInput an absent field is left as it is and null clears it.
 */

@ObjectType('Housing', { description: 'Характеристика жилищно-бытовых условий семьи' })
@InputType('HousingInput')
export class Housing {
  @Field(() => HousingKind, { description: 'Жилищные условия' })
  kind: HousingKind;

  @Field(() => Float, { nullable: true, description: 'Площадь, кв.м' })
  area?: number | null;

  @Field(() => String, { nullable: true, description: 'Другое (описание жилья)' })
  otherDescription?: string | null;

  @Field(() => HousingComfort, { nullable: true, description: 'Благоустроенное / не благоустроенное' })
  comfort?: HousingComfort | null;

  @Field(() => Boolean, { nullable: true, description: 'Ветхое жилье' })
  dilapidated?: boolean | null;

  @Field(() => SanitaryState, { nullable: true, description: 'Санитарное состояние жилья' })
  sanitary?: SanitaryState | null;

  @Field(() => [ChildLivingCondition], { nullable: true, description: 'Условия жизни несовершеннолетних (нужное отметить)' })
  childConditions?: ChildLivingCondition[] | null;

  @Field(() => String, { nullable: true, description: 'Условия жизни несовершеннолетних: другое' })
  childConditionsOther?: string | null;
}

@ObjectType('Income', { description: 'Доход семьи (со слов), в рублях в месяц' })
@InputType('IncomeInput')
export class Income {
  @Field(() => Float, { nullable: true, description: 'Заработная плата' })
  salary?: number | null;

  @Field(() => Float, { nullable: true, description: 'Пенсия' })
  pension?: number | null;

  @Field(() => Float, { nullable: true, description: 'Пособия' })
  benefits?: number | null;

  @Field(() => Float, { nullable: true, description: 'Доход с ЛПХ' })
  smallholding?: number | null;

  @Field(() => Float, { nullable: true, description: 'Алименты' })
  alimony?: number | null;

  @Field(() => Float, { nullable: true, description: 'Стипендия' })
  scholarship?: number | null;

  @Field(() => Float, { nullable: true, description: 'Другой источник' })
  other?: number | null;
}

@ObjectType('IdentityDocument', { description: 'Паспорт или свидетельство о рождении' })
@InputType('IdentityDocumentInput')
export class IdentityDocument {
  @Field(() => IdentityDocumentKind)
  kind: IdentityDocumentKind;

  @Field(() => String, { nullable: true, description: 'Серия: паспорт — 4 цифры, свидетельство о рождении — римские цифры, дефис, две русские буквы (II-АБ)' })
  series?: string | null;

  @Field({ description: 'Номер: 6 цифр' })
  number: string;

  @Field(() => LocalDate, { nullable: true, description: 'Когда выдан' })
  issuedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Кем выдан' })
  issuedBy?: string | null;
}

@ObjectType('CardRegistration', { description: 'Ведомственный учет, внесённый в карту оператором банка данных (учёты, о которых ведомства сообщают сами, приходят событиями)' })
@InputType('CardRegistrationInput')
export class CardRegistration {
  @Field(() => CardRegistrationBody)
  body: CardRegistrationBody;

  @Field(() => ID, { nullable: true, description: 'Член семьи, состоящий на учете (пусто — семья)' })
  personId?: string | null;

  @Field(() => LocalDate, { description: 'Дата постановки' })
  registeredOn: string;

  @Field(() => String, { nullable: true, description: '№ протокола' })
  protocol?: string | null;

  @Field(() => String, { nullable: true, description: 'Причина постановки' })
  reason?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Дата снятия' })
  removedOn?: string | null;
}

@ObjectType('CardAttachment', { description: 'Сведения о закреплении, внесённые в карту оператором банка данных' })
@InputType('CardAttachmentInput')
export class CardAttachment {
  @Field(() => CardAttachmentKind)
  kind: CardAttachmentKind;

  @Field(() => ID, { nullable: true, description: 'Член семьи (пусто — семья)' })
  personId?: string | null;

  @Field({ description: 'Учреждение: поликлиника №, школа №, ДОУ №, отделение полиции' })
  organisation: string;

  @Field(() => String, { nullable: true, description: 'Участок №, класс, группа, участковый' })
  detail?: string | null;

  @Field(() => String, { nullable: true, description: 'Телефон' })
  phone?: string | null;
}

@InputType({ description: 'Сведения о члене семьи для учетной карты' })
export class CardMemberInput {
  @Field(() => ID)
  personId: string;

  @Field(() => String, { nullable: true, description: 'Место рождения' })
  birthPlace?: string | null;

  @Field(() => IdentityDocument, { nullable: true, description: 'Паспорт или свидетельство о рождении' })
  document?: IdentityDocument | null;

  @Field(() => String, { nullable: true, description: 'Занятость: место работы, учебы' })
  occupation?: string | null;

  @Field(() => [String], { nullable: true, description: 'Телефоны' })
  phones?: string[] | null;
}

@ObjectType({ description: 'Сведения о члене семьи в учетной карте' })
export class CardMember {
  @Field(() => ID)
  personId: string;

  @Field(() => String, { nullable: true, description: 'Место рождения' })
  birthPlace: string | null;

  @Field(() => IdentityDocument, { nullable: true })
  document: IdentityDocument | null;

  @Field(() => String, { nullable: true, description: 'Занятость: место работы, учебы' })
  occupation: string | null;

  @Field(() => [String], { description: 'Телефоны' })
  phones: string[];
}

@InputType({ description: 'Учетная карта семьи: заполняемые поля (отсутствующее поле не меняется, null очищает)' })
export class UpdateAccountCardInput {
  @Field(() => LocalDate, { nullable: true, description: 'Дата выявления' })
  detectedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Кем выявлено (наименование органа, учреждения), если не из постановления' })
  detectedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Признаки нахождения семьи в социально опасном положении' })
  sopSigns?: string | null;

  @Field(() => [SopSituation], { nullable: true, description: 'Вид социально опасной ситуации в семье' })
  sopSituations?: SopSituation[] | null;

  @Field(() => [ParentProfile], { nullable: true, description: 'Социально-психологическая характеристика родителей' })
  parentProfiles?: ParentProfile[] | null;

  @Field(() => [FamilyCategory], { nullable: true, description: 'Категория семьи' })
  categories?: FamilyCategory[] | null;

  @Field(() => Housing, { nullable: true })
  housing?: Housing | null;

  @Field(() => Income, { nullable: true })
  income?: Income | null;

  @Field(() => Float, { nullable: true, description: 'Доход на одного члена семьи (со слов), если не рассчитывается из видов дохода' })
  incomePerMember?: number | null;

  @Field(() => String, { nullable: true, description: 'Наименование мер социальной поддержки' })
  supportMeasures?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Меры социальной поддержки не оформлены' })
  supportNotArranged?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Дополнительная информация' })
  additionalInfo?: string | null;

  @Field(() => [CardRegistration], { nullable: true, description: 'Ведомственный учет, внесённый оператором (заменяет прежний список)' })
  registrations?: CardRegistration[] | null;

  @Field(() => [CardAttachment], { nullable: true, description: 'Сведения о закреплении, внесённые оператором (заменяет прежний список)' })
  attachments?: CardAttachment[] | null;

  @Field(() => [CardMemberInput], { nullable: true, description: 'Сведения о членах семьи' })
  members?: CardMemberInput[] | null;
}

@ObjectType({ description: 'Учетная карта семьи банка данных СОП' })
export class AccountCard {
  @Field(() => ID)
  familyId: string;

  @Field(() => LocalDate, { nullable: true, description: 'Дата выявления' })
  detectedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Кем выявлено (внесено в карту)' })
  detectedBy: string | null;

  @Field(() => String, { nullable: true, description: 'Признаки нахождения семьи в социально опасном положении' })
  sopSigns: string | null;

  @Field(() => [SopSituation])
  sopSituations: SopSituation[];

  @Field(() => [ParentProfile])
  parentProfiles: ParentProfile[];

  @Field(() => Housing, { nullable: true })
  housing: Housing | null;

  @Field(() => Income, { nullable: true })
  income: Income | null;

  @Field(() => Float, { nullable: true, description: 'Доход на одного члена семьи: со слов, или сумма видов дохода на число членов семьи' })
  incomePerMember: number | null;

  @Field(() => Int, { description: 'Количество членов семьи' })
  memberCount: number;

  @Field(() => Int, { description: 'в т. ч. несовершеннолетних' })
  minorCount: number;

  @Field(() => String, { nullable: true })
  supportMeasures: string | null;

  @Field()
  supportNotArranged: boolean;

  @Field(() => String, { nullable: true })
  additionalInfo: string | null;

  @Field(() => [CardRegistration])
  registrations: CardRegistration[];

  @Field(() => [CardAttachment])
  attachments: CardAttachment[];

  @Field(() => [CardMember])
  members: CardMember[];

  @Field(() => DateTime, { nullable: true, description: 'Когда карта последний раз заполнялась' })
  updatedAt: Date | null;
}
