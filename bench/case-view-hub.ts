import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { loadOrganisationRegistry } from '../auth/organisations/organisation-registry';
import { snilsChecksum } from '../subgraphs/common/validation';
import { benchHub } from './support';

/**
 * The hub of the case-view bench in a process of its own (`npm start`'s topology: six subgraphs
 * and the gateway in one process), so that its CPU is measured apart from the load generator and
 * the other routers. Argument: the administrator URL of the bench's database. It seeds one child
 * with a family, consent, participation and every agency's records, then prints one JSON line
 * (URLs, a portal user's token, the child) and serves until SIGTERM. Synthetic people only.
 */
const AGENCIES = ['education', 'health', 'police', 'social', 'guardianship'] as const;

const REGISTER_PERSON = `mutation R($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
const REGISTER_FAMILY = `mutation F($input: RegisterFamilyInput!) { registerFamily(input: $input) { id } }`;

let serial = 0;
function snils(): string {
  const nine = String(300_000_000 + ++serial * 7919 + Math.floor(Math.random() * 1000)).padStart(9, '0');
  return `${nine.slice(0, 3)}-${nine.slice(3, 6)}-${nine.slice(6, 9)} ${snilsChecksum(nine)}`;
}

function person(overrides: Record<string, unknown>) {
  return {
    idempotencyKey: `bench-${randomUUID()}`,
    snils: snils(),
    lastName: 'Тестова',
    firstName: `Анна${serial}`,
    middleName: 'Ивановна',
    birthDate: '2014-05-17',
    sex: 'FEMALE',
    registeredAddress: 'г. Владивосток, ул. Тестовая, д. 1, кв. 1',
    actualAddress: 'г. Владивосток, ул. Тестовая, д. 1, кв. 1',
    municipality: '05701000',
    ...overrides,
  };
}

function facts(agency: (typeof AGENCIES)[number], childId: string): [string, Record<string, unknown>] {
  const key = `bench-${randomUUID()}`;
  const cases = {
    education: [
      'RecordSchoolStatusInput',
      'recordSchoolStatus(input: $input) { className }',
      {
        childId,
        academicYear: '2026/2027',
        schoolName: 'МБОУ СОШ № 1',
        className: '6Б',
        unexcusedAbsences: 42,
        failingGrades: 3,
        internalRegister: true,
        internalRegisterSince: '2026-10-01',
        internalRegisterReason: 'пропуски',
      },
    ],
    health: [
      'RecordHealthStatusInput',
      'recordHealthStatus(input: $input) { clinicName }',
      { childId, clinicName: 'Детская поликлиника № 3', clinicDistrict: 'участок 12', lastCheckupOn: '2026-03-10', healthGroup: 'II', disabled: false, careConcerns: ['MISSED_CHECKUPS'] },
    ],
    police: ['RegisterJuvenileInput', 'registerJuvenile(input: $input) { id }', { idempotencyKey: key, childId, unit: 'ПДН ОП № 1', registeredOn: '2026-09-01', reason: 'самовольные уходы из дома' }],
    social: ['RecordSocialPatronageInput', 'recordPatronage(input: $input) { id }', { idempotencyKey: key, childId, kind: 'PERIODIC', institution: 'КЦСОН', startedOn: '2026-10-15' }],
    guardianship: [
      'RecordHousingInspectionInput',
      'recordHousingInspection(input: $input) { id }',
      { idempotencyKey: key, childId, actNumber: 'А-17', inspectedOn: '2026-11-01', inspector: 'Сидорова Е. В.', conclusion: 'условия удовлетворительные', threatToLifeOrHealth: false },
    ],
  } as const;
  const [type, selection, input] = cases[agency];
  return [`mutation Facts($input: ${type}!) { ${agency} { ${selection} } }`, { ...input }];
}

async function token(endpoint: string, form: Record<string, string>): Promise<string> {
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`token endpoint answered ${response.status}`);
  return body.access_token;
}

async function main(): Promise<void> {
  const adminUrl = process.argv[2];
  if (!adminUrl) throw new Error('usage: case-view-hub <admin database URL>');
  const bench = await benchHub(adminUrl, { pollMs: 200 });
  const { hub, idp } = bench;
  const gql = async <T>(bearer: string, query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}`, 'x-hub-purpose': 'INDIVIDUAL_PREVENTION' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(`seeding: ${JSON.stringify(body.errors).slice(0, 500)}`);
    return body.data!;
  };
  const secretary = await token(idp.tokenEndpoint, { grant_type: 'password', client_id: 'kdn-portal', username: 'secretary.vlk', password: 'demo' });
  const register = async (overrides: Record<string, unknown>) =>
    (await gql<{ registerPerson: { person: { id: string } } }>(secretary, REGISTER_PERSON, { input: person(overrides) })).registerPerson.person.id;
  const childId = await register({});
  const motherId = await register({ firstName: 'Мать', birthDate: '1987-03-03' });
  await gql(secretary, REGISTER_FAMILY, {
    input: {
      idempotencyKey: `bench-${randomUUID()}`,
      municipality: '05701000',
      categories: [],
      members: [
        { personId: motherId, role: 'MOTHER' },
        { personId: childId, role: 'CHILD' },
      ],
    },
  });
  for (const agency of AGENCIES) {
    const system = await token(idp.tokenEndpoint, { grant_type: 'client_credentials', client_id: `${agency}-system`, client_secret: `dev-${agency}-secret` });
    const signal = {
      idempotencyKey: `bench-${randomUUID()}`,
      childId,
      observedAt: '2026-11-02T09:30:00+10:00',
      reporter: { name: 'Петрова Мария Сергеевна', position: 'социальный педагог', organisation: 'МБОУ СОШ № 1' },
      sourceKind: agency.toUpperCase(),
      indicatorCodes: ['EDUCATION-L1-01'],
      urgency: 'ROUTINE',
      description: 'Ребёнок систематически пропускает занятия без уважительной причины',
    };
    await gql(system, `mutation S($input: ReportSignalInput!) { ${agency} { reportSignal(input: $input) { id } } }`, { input: signal });
    const measure = {
      idempotencyKey: `bench-${randomUUID()}`,
      childId,
      title: 'Индивидуальная профилактическая беседа',
      kind: 'PREVENTIVE_TALK',
      dueDate: '2026-12-01',
      executor: { name: 'Петрова Мария Сергеевна', organisation: 'МБОУ СОШ № 1' },
    };
    await gql(system, `mutation M($input: RecordMeasureInput!) { ${agency} { recordMeasure(input: $input) { id } } }`, { input: measure });
    const [query, input] = facts(agency, childId);
    await gql(system, query, { input });
  }
  const organisationId = loadOrganisationRegistry()
    .all()
    .find((o) => o.code === 'social-yol')?.id;
  if (organisationId) {
    await gql(secretary, `mutation O($input: OpenCaseParticipationInput!) { openCaseParticipation(input: $input) { id } }`, {
      input: { childId, organisationId, basis: 'Постановление КДН № 7', openedOn: '2026-11-01' },
    });
  }
  await gql(secretary, `mutation C($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`, {
    input: {
      childId,
      grantorId: motherId,
      validFrom: '2026-01-01',
      documentRef: 'Согласие № 1',
      grantees: ['SOCIAL'],
      territories: ['88701000'],
      categories: ['IDENTITY', 'CONTACTS', 'DOCUMENTS', 'EDUCATION', 'HEALTH', 'OFFENCES', 'SOCIAL', 'HOUSING'],
      purposes: ['INDIVIDUAL_PREVENTION'],
    },
  });
  const profiler = process.env.BENCH_PROFILE_FILE ? await startProfiler() : null;
  process.stdout.write(
    `${JSON.stringify({
      gatewayUrl: hub.gatewayUrl,
      subgraphUrls: Object.fromEntries(Object.values(hub.subgraphs).map((s) => [s.name, s.url])),
      issuer: idp.issuer,
      tokenEndpoint: idp.tokenEndpoint,
      registryUrl: new URL('/registry', hub.subgraphs.bank.url).toString(),
      token: secretary,
      childId,
    })}\n`,
  );
  const stop = () => void (profiler ? profiler.stop(process.env.BENCH_PROFILE_FILE!) : Promise.resolve()).then(() => bench.stop()).then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** A CPU profile of the serving only (bench/profile-case-view.ts): seeding and start-up stay out of it. */
async function startProfiler(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string) => new Promise<T>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result as T))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await post<{ profile: unknown }>('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

main().catch((error) => {
  process.stderr.write(`case-view-hub: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
