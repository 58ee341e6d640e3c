import { JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../../../../schema/scalars';

@ObjectType({ description: 'Изменение банка данных СОП для регионального банка: учётная карточка семьи целиком' })
export class BankChange {
  @Field({ description: 'Непрозрачный курсор: продолжить после этого изменения' })
  cursor: string;

  @Field(() => ID, { description: 'Идентификатор события (для отсева повторов)' })
  eventId: string;

  @Field({ description: 'RegisterEntryOpened, RegisterEntryClosed, AccountCardChanged' })
  type: string;

  @Field(() => ID)
  familyId: string;

  @Field(() => DateTime)
  occurredAt: Date;

  @Field(() => JSONObjectResolver, { description: 'Учётная карточка семьи (хранить карточку с наибольшим cardVersion)' })
  card: Record<string, unknown>;
}

@ObjectType({ description: 'Страница ленты изменений банка данных' })
export class BankChangesPage {
  @Field(() => [BankChange])
  changes: BankChange[];

  @Field({ description: 'Курсор для следующего запроса (after)' })
  endCursor: string;

  @Field({ description: 'Есть ещё изменения сразу за этой страницей' })
  hasMore: boolean;
}

@ObjectType({ description: 'Полная копия банка данных для первой синхронизации, по страницам' })
export class BankSnapshotPage {
  @Field(() => [JSONObjectResolver], { description: 'Учётные карточки семей' })
  cards: Record<string, unknown>[];

  @Field(() => ID, { nullable: true, description: 'Продолжить копию после этой семьи (afterFamily); пусто — копия завершена' })
  nextFamily: string | null;

  @Field({ description: 'Курсор ленты bankChanges, с которого продолжать после копии' })
  changesCursor: string;
}
