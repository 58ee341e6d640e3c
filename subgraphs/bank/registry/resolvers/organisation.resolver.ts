import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { OrganisationType as OrganisationTypeCode } from '../../../../auth/organisations/organisation';
import { loadOrganisationRegistry } from '../../../../auth/organisations/organisation-registry';
import { OrganisationType } from '../../../../schema/enums';
import * as v from '../../../common/validation';
import { BankContext } from '../../bank.context';
import { Organisation } from '../types/organisation.types';

/** The registry is public within the hub (names and territories of bodies, no personal data). */
@Resolver()
export class OrganisationResolver {
  @Query(() => [Organisation], { description: 'Организации реестра: по виду и обслуживаемой территории' })
  organisations(
    @Arg('type', () => OrganisationType, { nullable: true }) type: OrganisationTypeCode | null,
    @Arg('territory', () => String, { nullable: true }) territory: string | null,
  ): Organisation[] {
    // An argument left out arrives as undefined, not null: either means "any".
    const oktmo = territory == null ? null : v.oktmo('territory', territory);
    return loadOrganisationRegistry()
      .all()
      .filter((o) => (type == null || o.type === type) && (oktmo === null || o.territories.includes(oktmo)));
  }

  @Query(() => Organisation, { nullable: true, description: 'Организация, от имени которой действует вызывающий' })
  actingOrganisation(@Ctx() ctx: BankContext): Organisation | null {
    return ctx.principal.organisation;
  }
}
