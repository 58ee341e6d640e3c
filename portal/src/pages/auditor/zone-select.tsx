import { RegionTimeZone, timeZoneOf } from '../../format/time-zones';

const REGIONS = [
  { code: '05', name: 'Приморский край' },
  { code: '88', name: 'Республика Марий Эл' },
  { code: '04', name: 'Красноярский край' },
];

/** The auditor serves every region: times are read on the clock of the region being checked. */
export function ZoneSelect({ id, zone, onChange }: { id: string; zone: RegionTimeZone; onChange: (zone: RegionTimeZone) => void }) {
  const current = REGIONS.find((r) => timeZoneOf(r.code).iana === zone.iana)?.code ?? '88';
  return (
    <>
      <label htmlFor={id}>Время региона</label>
      <select id={id} value={current} onChange={(e) => onChange(timeZoneOf(e.target.value))}>
        {REGIONS.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name} ({timeZoneOf(r.code).caption})
          </option>
        ))}
      </select>
    </>
  );
}
