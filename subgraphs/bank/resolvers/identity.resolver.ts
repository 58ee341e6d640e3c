import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requirePermission } from '../../../auth/permissions';
import { BankContext } from '../bank.context';
import { PersonEntity } from '../entities/person.entity';
import { Family } from '../family.reference';
import { toPerson } from '../services/person.view';
import { RegisterFamilyInput } from '../types/family.types';
import { PersonRegistration, RegisterPersonInput } from '../types/person.types';

@Resolver()
export class IdentityResolver {
  @Mutation(() => PersonRegistration, {
    description: 'Найти человека по СНИЛС (или ФИО и дате рождения) или создать; совпадения без СНИЛС не объединяются молча',
  })
  async registerPerson(@Arg('input', () => RegisterPersonInput) input: RegisterPersonInput, @Ctx() ctx: BankContext): Promise<PersonRegistration> {
    requirePermission(ctx.principal, 'identity:write');
    const result = await ctx.services.identity.register(ctx.principal, input);
    const ids = [result.personId, ...result.candidateIds].filter((id): id is string => !!id);
    const rows = await ctx.dataSource.getRepository(PersonEntity).findBy(ids.map((id) => ({ id })));
    const byId = new Map(rows.map((row) => [row.id, toPerson(row)]));
    return {
      outcome: result.outcome,
      person: result.personId ? (byId.get(result.personId) ?? null) : null,
      candidates: result.candidateIds.map((id) => byId.get(id)).filter((p) => !!p),
    };
  }

  @Mutation(() => Family, { description: 'Зарегистрировать семью из уже зарегистрированных людей' })
  async registerFamily(@Arg('input', () => RegisterFamilyInput) input: RegisterFamilyInput, @Ctx() ctx: BankContext): Promise<Family> {
    requirePermission(ctx.principal, 'identity:write');
    const id = await ctx.services.families.register(ctx.principal, input);
    return (await ctx.loaders.familyById.load(id)) as Family;
  }
}
