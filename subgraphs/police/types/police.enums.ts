import { registerEnumType } from 'type-graphql';

/** Only the police subgraph declares it, so it lives here rather than in schema/enums.ts. */
export enum OffenceKind {
  OFFENCE = 'OFFENCE',
  ADMINISTRATIVE_CASE = 'ADMINISTRATIVE_CASE',
  CRIME = 'CRIME',
}
export const OFFENCE_KIND_CAPTIONS: Record<OffenceKind, string> = {
  OFFENCE: 'Правонарушение, в том числе общественно опасное деяние до возраста ответственности',
  ADMINISTRATIVE_CASE: 'Дело об административном правонарушении (в том числе в отношении родителей, ст. 5.35 КоАП РФ)',
  CRIME: 'Преступление',
};
registerEnumType(OffenceKind, {
  name: 'OffenceKind',
  description: 'Вид правонарушения',
  valuesConfig: {
    OFFENCE: { description: OFFENCE_KIND_CAPTIONS.OFFENCE },
    ADMINISTRATIVE_CASE: { description: OFFENCE_KIND_CAPTIONS.ADMINISTRATIVE_CASE },
    CRIME: { description: OFFENCE_KIND_CAPTIONS.CRIME },
  },
});
