import { Directive, Field, ObjectType } from 'type-graphql';
import { AgencyCode } from '../../../auth/principal';
import { Agency } from '../../../schema/enums';
import { Measure } from './measure.type';
import { Signal } from './signal.type';

/** One agency's signals and measures about a child or a family. */
@Directive('@shareable')
@ObjectType({ description: 'Сигналы и мероприятия одного ведомства' })
export class AgencyRecords {
  @Field(() => Agency)
  agency: AgencyCode;

  @Field(() => [Signal])
  signals: Signal[];

  @Field(() => [Measure])
  measures: Measure[];
}
