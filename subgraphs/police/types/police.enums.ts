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

/** How the police came to act on a child in danger (Mari El 7.2). */
export enum EmergencyOrigin {
  INFORMATION_RECEIVED = 'INFORMATION_RECEIVED',
  NEGLECTED_CHILD_FOUND = 'NEGLECTED_CHILD_FOUND',
}
registerEnumType(EmergencyOrigin, {
  name: 'PoliceEmergencyOrigin',
  description: 'Основание экстренных мер органа внутренних дел (Марий Эл, п. 7.2)',
  valuesConfig: {
    INFORMATION_RECEIVED: { description: 'Информация органов и учреждений системы профилактики о ребенке в обстановке, представляющей угрозу его жизни, здоровью (п. 7.2 1)–2))' },
    NEGLECTED_CHILD_FOUND: { description: 'Выявление безнадзорного и беспризорного ребенка при проведении контрольно-надзорных мероприятий (п. 7.2 3))' },
  },
});

/** Where a found neglected child was delivered when it could not be handed to the family (7.2 3) в)). */
export enum DeliveryPlace {
  ORPHAN_INSTITUTION = 'ORPHAN_INSTITUTION',
  MEDICAL_ORGANISATION = 'MEDICAL_ORGANISATION',
}
registerEnumType(DeliveryPlace, {
  name: 'PoliceDeliveryPlace',
  description: 'Куда доставлен безнадзорный ребенок (Марий Эл, п. 7.2 3) в))',
  valuesConfig: {
    ORPHAN_INSTITUTION: { description: 'Организация для детей-сирот и детей, оставшихся без попечения родителей' },
    MEDICAL_ORGANISATION: { description: 'Медицинская организация' },
  },
});
