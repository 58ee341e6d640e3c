import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireAudited } from '../../../../auth/access/decide';
import { BankContext } from '../../bank.context';
import { RegistryAdminService } from '../services/registry-admin.service';
import { RegistryChange, RetireOrganisationInput, SaveOrganisationInput, SystemOrganisationsInput } from '../types/registry.types';

const service = (ctx: BankContext) => new RegistryAdminService(ctx.dataSource);

/** The administrator's API of the organisation registry: every mutation is a write with its access-log entry. */
@Resolver()
export class RegistryAdminResolver {
  @Mutation(() => RegistryChange, {
    description: 'Добавить организацию в реестр или изменить её запись (по ОГРН). Реестр проверяется целиком; сервисы применяют новую версию при очередном обновлении',
  })
  saveOrganisation(@Arg('input', () => SaveOrganisationInput) input: SaveOrganisationInput, @Ctx() ctx: BankContext): Promise<RegistryChange> {
    requireAudited(ctx, 'registry:write');
    return service(ctx).saveOrganisation(ctx.principal, ctx.meta.requestId, input);
  }

  @Mutation(() => RegistryChange, {
    description: 'Исключить организацию из реестра: от её имени больше никто не действует, её записи и ссылки на неё сохраняются',
  })
  retireOrganisation(@Arg('input', () => RetireOrganisationInput) input: RetireOrganisationInput, @Ctx() ctx: BankContext): Promise<RegistryChange> {
    requireAudited(ctx, 'registry:write');
    return service(ctx).retireOrganisation(ctx.principal, ctx.meta.requestId, input);
  }

  @Mutation(() => RegistryChange, { description: 'Задать перечень организаций, от имени которых действует информационная система' })
  setSystemOrganisations(@Arg('input', () => SystemOrganisationsInput) input: SystemOrganisationsInput, @Ctx() ctx: BankContext): Promise<RegistryChange> {
    requireAudited(ctx, 'registry:write');
    return service(ctx).setSystemOrganisations(ctx.principal, ctx.meta.requestId, input);
  }
}
