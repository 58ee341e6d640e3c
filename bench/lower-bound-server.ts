import http from 'node:http';
import { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { Pool } from 'pg';
import { loadIndicatorCatalogue } from '../schema/catalogue/indicator.catalogue';

/**
 * The lower bound of the case-view bench: what the safelisted CaseView answer costs with nothing
 * but the work itself. One process, the same token check (jose against the identity provider's
 * keys, issuer and audience), one SQL statement building the whole answer as JSON in PostgreSQL,
 * the indicator captions from the catalogue in memory. No federation, no GraphQL execution, no
 * access decisions and no access log: the floor no hub can go under, not a design.
 * Arguments: a JSON object {adminUrl, issuer, audience, port?}; prints {"url": ...} once it listens.
 */
const SIGNAL = (schema: string, full: boolean) => `
  SELECT coalesce(json_agg(json_build_object(
    'observedAt', to_char(s.observed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    ${full ? `'reporter', json_build_object('organisation', s.reporter_organisation), 'urgency', s.urgency, 'status', s.status,` : ''}
    'description', s.description, 'codes', s.indicator_codes) ORDER BY s.observed_at DESC, s.id), '[]')
  FROM ${schema}.signal s WHERE s.child_id = p.id AND s.status <> 'CANCELLED'`;
const MEASURE = (schema: string, doneDate: boolean) => `
  SELECT coalesce(json_agg(json_build_object('title', m.title, 'dueDate', m.due_date${doneDate ? `, 'doneDate', m.done_date` : ''}, 'status', m.status) ORDER BY m.due_date, m.id), '[]')
  FROM ${schema}.measure m WHERE m.child_id = p.id AND m.status <> 'CANCELLED'`;

export const CASE_VIEW_SQL = `
SELECT json_build_object(
  'id', p.id,
  'fullName', concat_ws(' ', p.last_name, p.first_name, p.middle_name),
  'birthDate', p.birth_date,
  'snils', CASE WHEN p.snils IS NULL THEN NULL ELSE substr(p.snils, 1, 3) || '-' || substr(p.snils, 4, 3) || '-' || substr(p.snils, 7, 3) || ' ' || substr(p.snils, 10, 2) END, 'actualAddress', p.actual_address, 'registeredAddress', p.registered_address,
  'families', (SELECT coalesce(json_agg(json_build_object('id', f.id, 'categories', f.categories, 'members',
      (SELECT json_agg(json_build_object('role', fm.role, 'person', json_build_object('fullName', concat_ws(' ', mp.last_name, mp.first_name, mp.middle_name), 'birthDate', mp.birth_date)) ORDER BY mp.birth_date, mp.id)
       FROM bank.family_member fm JOIN bank.person mp ON mp.id = fm.person_id WHERE fm.family_id = f.id)) ORDER BY f.id), '[]')
    FROM bank.family f WHERE f.id IN (SELECT family_id FROM bank.family_member WHERE person_id = p.id)),
  'bankStanding', json_build_object(
    'inRegister', EXISTS (SELECT 1 FROM bank.register_entry r WHERE r.child_id = p.id AND r.removed_on IS NULL),
    'entries', (SELECT coalesce(json_agg(json_build_object('includedOn', r.included_on, 'basis', r.basis, 'removedOn', r.removed_on) ORDER BY r.included_on), '[]') FROM bank.register_entry r WHERE r.child_id = p.id)),
  'participations', (SELECT coalesce(json_agg(json_build_object('agency', upper(c.agency), 'basis', c.basis, 'openedOn', c.opened_on) ORDER BY c.opened_on, c.id), '[]') FROM bank.case_participation c WHERE c.child_id = p.id AND c.closed_on IS NULL),
  'consents', (SELECT coalesce(json_agg(json_build_object('id', c.id,
      -- Stored as 'type:<agency>:<territory>'; the answer names the agency.
      'grantees', ARRAY(SELECT upper(split_part(g, ':', 2)) FROM unnest(c.grantees) WITH ORDINALITY AS x(g, n) WHERE g LIKE 'type:%' GROUP BY 1 ORDER BY min(n)),
      'categories', ARRAY(SELECT upper(k) FROM unnest(c.categories) k ORDER BY 1), 'purposes', c.purposes,
      'provision', upper(c.provision), 'status', c.status, 'validFrom', c.valid_from, 'validTo', c.valid_to) ORDER BY c.valid_from, c.id), '[]') FROM bank.consent c WHERE c.child_id = p.id),
  'education', json_build_object(
    'schoolStatus', (SELECT json_build_object('schoolName', s.school_name, 'className', s.class_name, 'unexcusedAbsences', s.unexcused_absences, 'failingGrades', s.failing_grades, 'internalRegister', s.internal_register)
      FROM education.school_status s WHERE s.child_id = p.id ORDER BY s.academic_year DESC LIMIT 1),
    'signals', (${SIGNAL('education', true)}), 'measures', (${MEASURE('education', true)})),
  'health', json_build_object(
    'status', (SELECT json_build_object('clinicName', h.clinic_name, 'lastCheckupOn', h.last_checkup_on, 'healthGroup', h.health_group, 'disabled', h.disabled, 'careConcerns', h.care_concerns) FROM health.health_status h WHERE h.child_id = p.id LIMIT 1),
    'signals', (${SIGNAL('health', false)}), 'measures', (${MEASURE('health', false)})),
  'police', json_build_object(
    'onJuvenileRegister', EXISTS (SELECT 1 FROM police.juvenile_registration j WHERE j.child_id = p.id AND j.removed_on IS NULL),
    'registrations', (SELECT coalesce(json_agg(json_build_object('unit', j.unit, 'registeredOn', j.registered_on, 'reason', j.reason, 'removedOn', j.removed_on) ORDER BY j.registered_on DESC), '[]') FROM police.juvenile_registration j WHERE j.child_id = p.id),
    'offences', (SELECT coalesce(json_agg(json_build_object('kind', o.kind, 'article', o.article, 'occurredOn', o.occurred_on) ORDER BY o.occurred_on DESC), '[]') FROM police.offence o WHERE o.child_id = p.id),
    'domesticIncidents', (SELECT coalesce(json_agg(json_build_object('occurredOn', d.occurred_on, 'description', d.description) ORDER BY d.occurred_on DESC), '[]') FROM police.domestic_incident d WHERE d.child_id = p.id),
    'signals', (${SIGNAL('police', false)}), 'measures', (${MEASURE('police', false)})),
  'social', json_build_object(
    'difficultSituations', (SELECT coalesce(json_agg(json_build_object('recognisedOn', d.recognised_on, 'endedOn', d.ended_on) ORDER BY d.recognised_on DESC), '[]') FROM social.difficult_situation d WHERE d.child_id = p.id),
    'supports', (SELECT coalesce(json_agg(json_build_object('kind', s.kind, 'from', s.date_from, 'to', s.date_to) ORDER BY s.date_from DESC), '[]') FROM social.social_support s WHERE s.child_id = p.id),
    'patronages', (SELECT coalesce(json_agg(json_build_object('kind', s.kind, 'startedOn', s.started_on, 'endedOn', s.ended_on) ORDER BY s.started_on DESC), '[]') FROM social.patronage s WHERE s.child_id = p.id),
    'benefits', (SELECT coalesce(json_agg(json_build_object('kind', b.kind, 'amount', b.amount) ORDER BY b.date_from DESC), '[]') FROM social.benefit b WHERE b.child_id = p.id),
    'signals', (${SIGNAL('social', false)}), 'measures', (${MEASURE('social', false)})),
  'guardianship', json_build_object(
    'status', (SELECT json_build_object('status', g.status, 'since', g.since) FROM guardianship.guardianship_status g WHERE g.child_id = p.id),
    'inspections', (SELECT coalesce(json_agg(json_build_object('actNumber', i.act_number, 'inspectedOn', i.inspected_on, 'conclusion', i.conclusion, 'threatToLifeOrHealth', i.threat_to_life_or_health) ORDER BY i.inspected_on DESC), '[]') FROM guardianship.housing_inspection i WHERE i.child_id = p.id),
    'removals', (SELECT coalesce(json_agg(json_build_object('actNumber', r.act_number, 'removedOn', r.removed_on, 'placementKind', r.placement_kind) ORDER BY r.removed_on DESC), '[]') FROM guardianship.removal_act r WHERE r.child_id = p.id),
    'signals', (${SIGNAL('guardianship', false)}), 'measures', (${MEASURE('guardianship', false)}))
) AS child
FROM bank.person p WHERE p.id = $1`;

type Json = Record<string, unknown>;

/** The catalogue's captions in place of the stored codes, in the shape each section asks for. */
function withIndicators(child: Json): Json {
  const catalogue = loadIndicatorCatalogue();
  for (const agency of ['education', 'health', 'police', 'social', 'guardianship']) {
    const section = child[agency] as { signals: Array<Json & { codes: string[] }> };
    for (const signal of section.signals) {
      const codes = signal.codes;
      delete (signal as Partial<typeof signal>).codes;
      if (agency === 'education') signal.indicators = codes.map((code) => ({ code, level: catalogue.byCode(code)?.level, title: catalogue.byCode(code)?.title }));
      if (agency === 'health') signal.indicators = codes.map((code) => ({ code, title: catalogue.byCode(code)?.title }));
    }
  }
  return child;
}

export async function startLowerBound(options: { adminUrl: string; issuer: string; audience: string; port?: number }): Promise<{ url: string; stop(): Promise<void> }> {
  const pool = new Pool({ connectionString: options.adminUrl, max: 10 });
  const keys = createRemoteJWKSet(new URL(`${options.issuer}/protocol/openid-connect/certs`));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const send = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        try {
          const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
          if (!bearer) return send(401, { errors: [{ message: 'no token', extensions: { code: 'UNAUTHENTICATED' } }] });
          try {
            await jwtVerify(bearer, keys, { issuer: options.issuer, audience: options.audience, algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'] });
          } catch {
            return send(401, { errors: [{ message: 'bad token', extensions: { code: 'UNAUTHENTICATED' } }] });
          }
          const { variables } = JSON.parse(Buffer.concat(chunks).toString()) as { variables: { id: string } };
          const { rows } = await pool.query(CASE_VIEW_SQL, [variables.id]);
          send(200, { data: { child: rows[0] ? withIndicators(rows[0].child as Json) : null } });
        } catch (error) {
          send(500, { errors: [{ message: String(error) }] });
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

if (require.main === module) {
  const options = JSON.parse(process.argv[2] ?? '{}') as { adminUrl: string; issuer: string; audience: string; port?: number };
  startLowerBound(options)
    .then((running) => {
      process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
      process.on('SIGTERM', () => void running.stop().then(() => process.exit(0)));
    })
    .catch((error) => {
      process.stderr.write(`lower-bound: ${String(error)}\n`);
      process.exit(1);
    });
}
