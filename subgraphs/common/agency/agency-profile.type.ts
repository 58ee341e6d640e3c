import { Field, ID, ObjectType } from 'type-graphql';
import { AgencyCode } from '../../../auth/principal';
import { Agency } from '../../../schema/enums';

/**
 * What every agency's section of the unified case view starts with. Each agency subgraph
 * extends it with its own facts; signals and measures are added by the shared field resolvers
 * (createAgencyProfileResolver), loaded only when asked for.
 */
@ObjectType()
export abstract class AgencyProfileBase {
  @Field(() => Agency)
  agency: AgencyCode;

  @Field(() => ID)
  childId: string;
}

/** Base of each agency's mutation namespace; `agency` is there because a GraphQL type needs one field of its own. */
@ObjectType()
export abstract class AgencyNamespaceBase {
  @Field(() => Agency)
  agency: AgencyCode;
}
