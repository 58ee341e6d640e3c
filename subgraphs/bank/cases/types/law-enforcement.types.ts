import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '../../../../schema/scalars';
import { LAW_ENFORCEMENT_RESULTS } from '../services/law-enforcement.service';

export const LawEnforcementResultEnum = Object.fromEntries(LAW_ENFORCEMENT_RESULTS.map((s) => [s, s]));
registerEnumType(LawEnforcementResultEnum, {
  name: 'LawEnforcementResult',
  description: 'Результат проверки правоохранительными органами (Приморский край, приложение 4)',
  valuesConfig: {
    CRIMINAL_CASE_OPENED: { description: 'Возбуждено уголовное дело' },
    ADMINISTRATIVE_PROTOCOL: { description: 'Составлен административный протокол' },
    REFUSED: { description: 'Отказано (ни уголовного дела, ни протокола)' },
  },
});

@InputType({ description: 'Информация в правоохранительные органы по выявленным фактам нарушения прав ребёнка' })
export class LawEnforcementReportInput {
  @Field(() => LocalDate, { description: 'Дата направления' })
  sentOn: string;

  @Field({ description: 'Куда направлена (орган)' })
  recipient: string;

  @Field({ description: 'Выявленные факты (преступления, правонарушения)' })
  facts: string;
}

@InputType({ description: 'Результат проверки правоохранительного органа' })
export class LawEnforcementResultInput {
  @Field(() => LawEnforcementResultEnum)
  kind: string;

  @Field(() => LocalDate)
  resultOn: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ObjectType({ description: 'Информация в правоохранительные органы и её результат' })
export class LawEnforcementReport {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  caseId: string;

  @Field(() => LocalDate)
  sentOn: string;

  @Field()
  recipient: string;

  @Field()
  facts: string;

  @Field()
  sentByAgency: string;

  @Field(() => String, { nullable: true, description: 'ОГРН направившей организации' })
  sentByOrganisation: string | null;

  @Field(() => LawEnforcementResultEnum, { nullable: true })
  resultKind: string | null;

  @Field(() => LocalDate, { nullable: true })
  resultOn: string | null;

  @Field(() => String, { nullable: true })
  resultNote: string | null;
}
