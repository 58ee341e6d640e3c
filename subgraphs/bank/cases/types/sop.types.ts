import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { SOP_CRITERIA, SopCriterion } from '../../../../schema/catalogue/sop-criteria';
import { LocalDate } from '../../../../schema/scalars';

export enum SopSubject {
  FAMILY = 'FAMILY',
  MINOR = 'MINOR',
}
registerEnumType(SopSubject, {
  name: 'SopSubject',
  description: 'Кто признан находящимся в социально опасном положении',
  valuesConfig: {
    FAMILY: { description: 'Семья (Марий Эл, п. 3.2; Мясниковский район, раздел 2)' },
    MINOR: { description: 'Несовершеннолетний (Марий Эл, п. 3.1): в том числе ребёнок, не состоящий в семье, зарегистрированной в банке' },
  },
});

@ObjectType({ description: 'Ссылка на текст регламента' })
export class SopCitationView {
  @Field({ description: 'Файл регламента (../shared/seeds/)' })
  seed: string;

  @Field({ description: 'Пункт, раздел или приложение' })
  section: string;

  @Field(() => String, { nullable: true, description: 'Подпункт' })
  item: string | null;

  @Field({ description: 'Дословная цитата' })
  quote: string;
}

@ObjectType({ description: 'Критерий социально опасного положения: код, формулировка регламента и где она напечатана' })
export class SopCriterionView {
  @Field({ description: 'Код (постоянный)' })
  code: string;

  @Field({ description: 'Формулировка, как в регламенте' })
  caption: string;

  @Field(() => SopSubject)
  subject: SopSubject;

  @Field({ description: 'Регион, в порядке которого критерий назван (первые две цифры ОКТМО)' })
  region: string;

  @Field(() => [SopCitationView])
  citations: SopCitationView[];
}

export function criterionView(c: SopCriterion): SopCriterionView {
  return {
    code: c.code,
    caption: c.caption,
    subject: c.subject as SopSubject,
    region: c.region,
    citations: c.citations.map((q) => ({ seed: q.seed, section: q.section, item: q.item ?? null, quote: q.quote })),
  };
}

/** The views of stored codes, in catalogue order; a code no longer in the catalogue is shown by its code. */
export function criteriaViews(codes: unknown): SopCriterionView[] {
  const list = Array.isArray(codes) ? codes.filter((x): x is string => typeof x === 'string') : [];
  return list.map((code) => {
    const found = SOP_CRITERIA.find((c) => c.code === code);
    return found ? criterionView(found) : { code, caption: code, subject: SopSubject.FAMILY, region: '', citations: [] };
  });
}

@ObjectType({ description: 'Причина постановки на учёт по постановлению о признании СОП' })
export class RegistrationReasonView {
  @Field(() => [SopCriterionView], { description: 'Критерии социально опасного положения' })
  criteria: SopCriterionView[];

  @Field(() => String, { nullable: true, description: 'Пояснение (свободный текст)' })
  note: string | null;

  @Field(() => SopSubject, { description: 'Кто признан: семья или несовершеннолетний' })
  subject: SopSubject;

  @Field({ description: 'Как печатается в графе «Причина постановки на учет» (приложение 8)' })
  text: string;
}

@ObjectType({ description: 'Выявивший орган: организация, чей сигнал зарегистрирован по делу; иначе — источник сигнала (граждане, СМИ ...)' })
export class DetectingBodyView {
  @Field(() => ID, { nullable: true, description: 'ОГРН организации; пусто, если сообщили граждане' })
  organisationId: string | null;

  @Field({ description: 'Наименование организации или вид источника («Соседи, знакомые»)' })
  name: string;

  @Field({ description: 'Вид ведомства (education, police ...) или вид источника (NEIGHBOURS ...)' })
  agency: string;

  @Field({ description: 'Источник сигнала по журналу' })
  sourceKind: string;
}

@ObjectType({ description: 'Поручение председателя КДН члену комиссии организовать работу с семьёй (низкий уровень риска, без постановления; Красноярский край)' })
export class MemberInstructionView {
  @Field({ description: 'Член комиссии, которому поручено (учётная запись или Ф.И.О.)' })
  member: string;

  @Field({ description: 'Что поручено' })
  task: string;

  @Field(() => LocalDate, { description: 'Срок исполнения' })
  dueOn: string;

  @Field(() => LocalDate, { description: 'Дата поручения' })
  instructedOn: string;

  @Field({ description: 'Кто поручил (учётная запись)' })
  instructedBy: string;

  @Field({ description: 'Основание: правило региона и его источник' })
  basis: string;
}
