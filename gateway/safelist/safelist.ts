import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DocumentNode, GraphQLError, Kind, parse, print } from 'graphql';

/**
 * The persisted-operation safelist: which operations each client may run in production. A
 * client's operations are the .graphql files of its folder under `operations/`; the agency
 * systems share `agency-system/`. An operation is identified by the SHA-256 of its printed
 * (canonical) form, so whitespace and comments do not matter but any other change does.
 */
export const OPERATIONS_DIR = path.join(__dirname, 'operations');

/** Which folder of operations a client uses. */
export const CLIENT_FOLDERS: Record<string, string> = {
  'education-system': 'agency-system',
  'health-system': 'agency-system',
  'police-system': 'agency-system',
  'social-system': 'agency-system',
  'guardianship-system': 'agency-system',
  'education-regional': 'agency-system',
  'health-regional': 'agency-system',
  'kdn-portal': 'kdn-portal',
  'regional-bank-sync': 'regional-bank',
};

export function operationHash(document: DocumentNode): string {
  return createHash('sha256').update(print(document)).digest('hex');
}

/** Every operation of a folder, split into one document per operation, by hash. */
export function loadFolder(dir: string): Map<string, string> {
  const operations = new Map<string, string>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()) {
    const document = parse(readFileSync(path.join(dir, file), 'utf8'));
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) throw new Error(`${file}: every safelisted operation needs a name`);
      operations.set(operationHash({ kind: Kind.DOCUMENT, definitions: [definition] }), definition.name.value);
    }
  }
  return operations;
}

export function loadSafelist(dir = OPERATIONS_DIR): Map<string, Map<string, string>> {
  const folders = new Map<string, Map<string, string>>();
  const byClient = new Map<string, Map<string, string>>();
  for (const [client, folder] of Object.entries(CLIENT_FOLDERS)) {
    if (!folders.has(folder)) folders.set(folder, loadFolder(path.join(dir, folder)));
    byClient.set(client, folders.get(folder)!);
  }
  return byClient;
}

/** Refuses, in production, any operation not registered for the calling client. */
export function checkSafelisted(safelist: Map<string, Map<string, string>>, clientId: string, document: DocumentNode): void {
  const allowed = safelist.get(clientId);
  if (allowed?.has(operationHash(document))) return;
  throw new GraphQLError(`Операция не зарегистрирована для клиента ${clientId}: в промышленном режиме выполняются только операции из списка`, {
    extensions: { code: 'OPERATION_NOT_REGISTERED', clientId, http: { status: 403 } },
  });
}
