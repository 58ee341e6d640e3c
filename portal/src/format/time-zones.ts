/**
 * The time zone a date-time is shown in: the region's of the municipality (OKTMO's first two
 * digits), as the hub's exports print them, so a secretary in Vladivostok and an auditor in Moscow
 * read the same local time the paper forms carry. Neither region observes daylight saving time.
 */
export interface RegionTimeZone {
  iana: string;
  caption: string;
}

const BY_REGION: Record<string, RegionTimeZone> = {
  '05': { iana: 'Asia/Vladivostok', caption: 'владивостокское время, UTC+10' },
  '88': { iana: 'Europe/Moscow', caption: 'московское время, UTC+3' },
  '04': { iana: 'Asia/Krasnoyarsk', caption: 'красноярское время, UTC+7' },
};

export const MOSCOW: RegionTimeZone = BY_REGION['88'];

/** A region not listed is shown in Moscow time, and the caption says so. */
export function timeZoneOf(municipalityOrRegion: string | null | undefined): RegionTimeZone {
  return (municipalityOrRegion && BY_REGION[municipalityOrRegion.slice(0, 2)]) || MOSCOW;
}
