import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { FamilyCategory, FamilyRole } from '../../../../schema/enums';
import { LocalDate } from '../../../../schema/scalars';
import { Person } from './person.types';

@ObjectType({ description: 'Член семьи' })
export class FamilyMember {
  @Field(() => FamilyRole)
  role: FamilyRole;

  @Field(() => Person)
  person: Person;
}

@ObjectType({ description: 'Запись банка данных СОП' })
export class RegisterEntry {
  @Field(() => ID, { nullable: true, description: 'Семья; пусто, если признан несовершеннолетний, не состоящий в семье банка' })
  familyId: string | null;

  @Field({ description: 'Кто признан: FAMILY — семья, MINOR — несовершеннолетний' })
  subject: string;

  @Field(() => [String], { description: 'Причина постановки: коды критериев СОП (запрос sopCriteria)' })
  reasonCriteria: string[];

  @Field({ description: 'Причина постановки на учёт, как в приложении 8: формулировки критериев и пояснение (для прежних записей — основание)' })
  reason: string;

  @Field(() => String, { nullable: true, description: 'Выявивший орган: организация или вид источника («Соседи, знакомые»)' })
  detectingName: string | null;

  @Field(() => ID, { nullable: true, description: 'Выявившая организация (ОГРН); пусто, если сообщили граждане' })
  detectingOrganisation: string | null;

  @Field(() => LocalDate, { description: 'Дата постановки' })
  includedOn: string;

  @Field({ description: 'Основание: постановление КДН (номер, дата)' })
  basis: string;

  @Field(() => LocalDate, { nullable: true, description: 'Дата снятия' })
  removedOn: string | null;

  @Field(() => String, { nullable: true, description: 'Причина снятия' })
  removalReason: string | null;
}

@ObjectType({ description: 'Положение ребёнка в банке данных семей в СОП' })
export class BankStanding {
  @Field({ description: 'Состоит ли сейчас в банке данных' })
  inRegister: boolean;

  @Field(() => [RegisterEntry], { description: 'Все постановки и снятия' })
  entries: RegisterEntry[];
}

@InputType()
export class FamilyMemberInput {
  @Field(() => ID)
  personId: string;

  @Field(() => FamilyRole)
  role: FamilyRole;
}

@InputType({ description: 'Новая семья из уже зарегистрированных людей' })
export class RegisterFamilyInput {
  @Field()
  idempotencyKey: string;

  @Field({ description: 'ОКТМО' })
  municipality: string;

  @Field(() => [FamilyCategory])
  categories: FamilyCategory[];

  @Field(() => String, { nullable: true })
  registeredAddress?: string | null;

  @Field(() => String, { nullable: true })
  actualAddress?: string | null;

  @Field(() => [FamilyMemberInput])
  members: FamilyMemberInput[];
}
