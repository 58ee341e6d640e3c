import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { BREAK, DocumentNode, GraphQLError, Kind, ValueNode, visit } from 'graphql';
import { inputError } from '../errors';
import { NUL_RULE } from '../text-rules';

/**
 * PostgreSQL cannot store or even compare text holding U+0000: a NUL that reaches a query fails
 * there, and the caller gets an internal error for what is bad input. The services' validators
 * refuse NUL in what they check; this guard refuses it in every string a request carries (any
 * variable, at any depth, keys included, and string literals written into the document), before
 * any resolver runs, so a field no validator looks at cannot turn it into an internal error.
 */

export interface NulFound {
  /** The variable or argument path, as the services name fields: "input.reporter.name", "input.members[0].role". */
  path: string;
  value: string;
}

const child = (path: string, key: string | number) => (typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`);

/** The first NUL in the request's variables. Walked without recursion: a 12 MB body may nest deep. */
export function findNulInVariables(variables: Record<string, unknown> | null | undefined): NulFound | null {
  if (!variables || typeof variables !== 'object') return null;
  for (const name of Object.keys(variables)) if (name.includes('\0')) return { path: name, value: name };
  const stack: Array<[unknown, string]> = Object.entries(variables)
    .reverse()
    .map(([name, value]) => [value, name]);
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\0')) return { path, value };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], child(path, i)]);
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (const [key] of entries) if (key.includes('\0')) return { path: child(path, key), value: key };
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i][1], child(path, entries[i][0])]);
    }
  }
  return null;
}

function findNulInLiteral(root: ValueNode, rootPath: string): NulFound | null {
  const stack: Array<[ValueNode, string]> = [[root, rootPath]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (node.kind === Kind.STRING && node.value.includes('\0')) return { path, value: node.value };
    if (node.kind === Kind.LIST) node.values.forEach((item, i) => stack.push([item, child(path, i)]));
    if (node.kind === Kind.OBJECT) node.fields.forEach((field) => stack.push([field.value, child(path, field.name.value)]));
  }
  return null;
}

/** The first NUL written into the document itself: an argument's literal (`"\u0000"`) or a variable's default. */
export function findNulInDocument(document: DocumentNode): NulFound | null {
  let found: NulFound | null = null;
  visit(document, {
    Argument(node) {
      found = findNulInLiteral(node.value, node.name.value);
      return found ? BREAK : false;
    },
    VariableDefinition(node) {
      found = node.defaultValue ? findNulInLiteral(node.defaultValue, node.variable.name.value) : null;
      return found ? BREAK : undefined;
    },
  });
  return found;
}

export function nulError(found: NulFound): GraphQLError {
  const error = inputError(found.path, found.value, NUL_RULE, 'значение содержит символ NUL (U+0000), он не допускается ни в одном поле');
  // 400, like any other request refused before execution; Apollo takes `http` off the answer.
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
}

/** Apollo plugin: runs after parsing and validation, before execution, once the caller is authenticated. */
export function nulGuardPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  // Apollo Server hands the same parsed document to every request of the same text: its literals are read once.
  const documents = new WeakMap<DocumentNode, NulFound | null>();
  const inDocument = (document: DocumentNode) => {
    if (!documents.has(document)) documents.set(document, findNulInDocument(document));
    return documents.get(document)!;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const found = findNulInVariables(request.variables) ?? inDocument(document);
          if (found) throw nulError(found);
        },
      };
    },
  };
}
