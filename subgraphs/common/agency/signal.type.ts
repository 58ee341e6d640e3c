import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AgencyCode } from '../../../auth/principal';
import { Agency, RiskLevel, SignalStatus, SourceKind, Urgency } from '../../../schema/enums';
import { DateTime } from '../../../schema/scalars';

/**
 * Value types shared by the five agency subgraphs: identical in each, hence @shareable.
 * Every signal says which agency holds it, so the unified view can group and attribute them.
 */
@Directive('@shareable')
@ObjectType({ description: 'Кто сообщил о сигнале' })
export class Reporter {
  @Field({ description: 'ФИО сообщившего' })
  name: string;

  @Field(() => String, { nullable: true, description: 'Должность' })
  position: string | null;

  @Field({ description: 'Организация' })
  organisation: string;
}

@Directive('@shareable')
@ObjectType({ description: 'Индикатор риска из каталога (Красноярский край, 2025)' })
export class Indicator {
  @Field()
  code: string;

  @Field({ description: 'Критерий' })
  criterion: string;

  @Field({ description: 'Наименование критерия' })
  criterionTitle: string;

  @Field(() => RiskLevel)
  level: RiskLevel;

  @Field({ description: 'Формулировка индикатора' })
  title: string;
}

@Directive('@shareable')
@ObjectType({ description: 'Сигнал о нарушении прав ребёнка' })
export class Signal {
  @Field(() => ID)
  id: string;

  @Field(() => Agency)
  agency: AgencyCode;

  @Field(() => ID)
  childId: string;

  @Field(() => ID, { nullable: true })
  familyId: string | null;

  @Field(() => DateTime, { description: 'Когда замечено' })
  observedAt: Date;

  @Field(() => Reporter)
  reporter: Reporter;

  @Field(() => SourceKind)
  sourceKind: SourceKind;

  @Field(() => [Indicator])
  indicators: Indicator[];

  @Field(() => Urgency)
  urgency: Urgency;

  @Field(() => SignalStatus)
  status: SignalStatus;

  @Field({ description: 'Что замечено' })
  description: string;

  @Field(() => String, { nullable: true })
  cancelReason: string | null;

  @Field(() => DateTime)
  createdAt: Date;

  @Field(() => DateTime)
  updatedAt: Date;
}
