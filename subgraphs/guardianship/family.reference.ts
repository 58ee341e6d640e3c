import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AgencyRecords } from '../common/agency/agency-records.type';

@Directive('@key(fields: "id")')
@ObjectType('Family')
export class Family {
  @Field(() => ID)
  id: string;

  @Field(() => AgencyRecords, { nullable: true, description: 'Сигналы и мероприятия органа опеки о семье' })
  guardianship: AgencyRecords | null;
}

export const familyReference = {
  Family: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  },
};
