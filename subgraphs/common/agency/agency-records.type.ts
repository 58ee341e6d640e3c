import { Field, ObjectType } from 'type-graphql';
import { AgencyCode } from '../../../auth/principal';
import { Agency } from '../../../schema/enums';
import { Measure } from './measure.type';
import { Signal } from './signal.type';

/**
 * One agency's signals and measures about a child or a family. Abstract: each agency subgraph
 * names its own type (EducationFamilyRecords, ...). One value type returned by a `@requires`
 * field in five subgraphs is legal Federation 2, but routers that turn the supergraph into
 * stitching (Hive Gateway) take each such type as canonical in every subgraph and refuse it.
 */
@ObjectType()
export abstract class AgencyRecords {
  @Field(() => Agency)
  agency: AgencyCode;

  @Field(() => [Signal])
  signals: Signal[];

  @Field(() => [Measure])
  measures: Measure[];
}
