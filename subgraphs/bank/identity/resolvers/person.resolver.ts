import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { BankContext } from '../../bank.context';
import { Person } from '../types/person.types';
import { requireCategory } from './child.resolver';

/** A family member's documents and contacts follow the same per-field rule as the child's. */
@Resolver(() => Person)
export class PersonResolver {
  @FieldResolver(() => String, { nullable: true, description: 'СНИЛС (категория «документы»)' })
  async snils(@Root() person: Person, @Ctx() ctx: BankContext): Promise<string | null> {
    await requireCategory(ctx, person, 'documents', 'person');
    return person.snils;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Адрес регистрации (категория «контакты»)' })
  async registeredAddress(@Root() person: Person, @Ctx() ctx: BankContext): Promise<string | null> {
    await requireCategory(ctx, person, 'contacts', 'person');
    return person.registeredAddress;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Адрес фактического проживания (категория «контакты»)' })
  async actualAddress(@Root() person: Person, @Ctx() ctx: BankContext): Promise<string | null> {
    await requireCategory(ctx, person, 'contacts', 'person');
    return person.actualAddress;
  }
}
