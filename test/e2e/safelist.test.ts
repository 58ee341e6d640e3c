import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, OperationDefinitionNode, parse, print } from 'graphql';
import { OPERATIONS_DIR } from '../../gateway/safelist/safelist';
import { personInput } from '../support/factories';
import { startTestHub, TestHub } from '../support/test-hub';

/** Each safelisted operation as its own document text, the way a registered client sends it. */
function operations(folder: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of readdirSync(path.join(OPERATIONS_DIR, folder))) {
    for (const definition of parse(readFileSync(path.join(OPERATIONS_DIR, folder, file), 'utf8')).definitions as OperationDefinitionNode[]) {
      found.set(definition.name!.value, print({ kind: Kind.DOCUMENT, definitions: [definition] }));
    }
  }
  return found;
}

describe('in production the gateway runs only the operations each client registered', () => {
  let t: TestHub;
  const agency = operations('agency-system');
  const portal = operations('kdn-portal');

  beforeAll(async () => {
    t = await startTestHub({ gatewayProduction: true });
  });
  afterAll(() => t.stop());

  it('when a school system sends its registered operation (reformatted), then it runs', async () => {
    const text = agency.get('RegisterPerson')!.replace(/\s+/g, '  ');
    const result = await t.gql(await t.systemToken('education'), text, { input: personInput() });
    expect(result.errors).toBeUndefined();
  });

  it('when a school system sends anything else, then it is refused with 403 before planning, introspection included', async () => {
    const school = await t.systemToken('education');
    for (const query of ['{ children(first: 5) { fullName snils } }', portal.get('CaseView')!]) {
      const result = await t.gql(school, query, { id: '00000000-0000-4000-8000-000000000000' });
      expect(result.status).toBe(403);
      expect(result.errors![0].extensions).toMatchObject({ code: 'OPERATION_NOT_REGISTERED', clientId: 'education-system' });
    }
    // Introspection is switched off in production: refused even before the safelist is asked.
    const introspection = await t.gql(school, '{ __schema { types { name } } }');
    expect(introspection.status).toBe(400);
    expect(introspection.errors![0].message).toMatch(/introspection/i);
  });

  it("when a person uses the KDN portal, then the portal's operations run and an agency system's do not", async () => {
    const secretary = await t.userToken('secretary.vlk');
    const view = await t.gql(secretary, portal.get('CaseView')!, { id: '00000000-0000-4000-8000-000000000000' });
    expect(view.errors).toBeUndefined();
    const foreign = await t.gql(secretary, agency.get('ReportEducationSignal')!, { input: {} });
    expect(foreign.errors![0].extensions?.code).toBe('OPERATION_NOT_REGISTERED');
  });

  it('when every safelisted operation is sent by its client, then none fails validation against the supergraph (the list has not drifted from the schema)', async () => {
    const checks: Array<[string, Map<string, string>]> = [
      [await t.systemToken('police'), agency],
      [await t.userToken('chair.vlk'), portal],
    ];
    for (const [token, ops] of checks) {
      for (const [name, text] of ops) {
        const result = await t.gql(token, text, {});
        const invalid = (result.errors ?? []).filter((e) => e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' || e.extensions?.code === 'OPERATION_NOT_REGISTERED');
        expect({ name, invalid }).toEqual({ name, invalid: [] });
      }
    }
  });
});
