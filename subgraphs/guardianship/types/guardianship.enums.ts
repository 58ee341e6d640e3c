import { registerEnumType } from 'type-graphql';

/** Values are also CHECKed in the migrations, so a new value needs a migration too. */
function describe<T extends string>(captions: Record<T, string>) {
  return Object.fromEntries(Object.entries(captions).map(([value, caption]) => [value, { description: caption as string }])) as Record<T, { description: string }>;
}

/** Where the removed child went (seed 004, 7.1.3 б). */
export enum PlacementKind {
  OTHER_PARENT = 'OTHER_PARENT',
  RELATIVES = 'RELATIVES',
  TEMPORARY_PLACEMENT = 'TEMPORARY_PLACEMENT',
  INSTITUTION = 'INSTITUTION',
}
export const PLACEMENT_KIND_CAPTIONS: Record<PlacementKind, string> = {
  OTHER_PARENT: 'Передан другому родителю',
  RELATIVES: 'Передан родственникам',
  TEMPORARY_PLACEMENT: 'Временное устройство (предварительная опека, приёмная или патронатная семья)',
  INSTITUTION: 'Помещён в организацию для детей-сирот и детей, оставшихся без попечения родителей',
};
registerEnumType(PlacementKind, {
  name: 'RemovalPlacementKind',
  description: 'Куда передан ребёнок после отобрания',
  valuesConfig: describe(PLACEMENT_KIND_CAPTIONS),
});

export enum GuardianshipStatusKind {
  NONE = 'NONE',
  UNDER_GUARDIANSHIP = 'UNDER_GUARDIANSHIP',
  FOSTER_FAMILY = 'FOSTER_FAMILY',
  ADOPTED = 'ADOPTED',
  IN_INSTITUTION = 'IN_INSTITUTION',
  LEFT_WITHOUT_CARE = 'LEFT_WITHOUT_CARE',
}
export const GUARDIANSHIP_STATUS_CAPTIONS: Record<GuardianshipStatusKind, string> = {
  NONE: 'Воспитывается родителями, мер опеки нет',
  UNDER_GUARDIANSHIP: 'Под опекой или попечительством',
  FOSTER_FAMILY: 'В приёмной семье',
  ADOPTED: 'Усыновлён (удочерён)',
  IN_INSTITUTION: 'В организации для детей-сирот и детей, оставшихся без попечения родителей',
  LEFT_WITHOUT_CARE: 'Остался без попечения родителей, устройство не завершено',
};
registerEnumType(GuardianshipStatusKind, {
  name: 'GuardianshipStatusKind',
  description: 'Положение ребёнка по учёту органа опеки и попечительства',
  valuesConfig: describe(GUARDIANSHIP_STATUS_CAPTIONS),
});

/** Statuses in which a named person (guardian, foster or adoptive parent) brings the child up. */
export const STATUSES_WITH_GUARDIAN: ReadonlySet<GuardianshipStatusKind> = new Set([GuardianshipStatusKind.UNDER_GUARDIANSHIP, GuardianshipStatusKind.FOSTER_FAMILY, GuardianshipStatusKind.ADOPTED]);
