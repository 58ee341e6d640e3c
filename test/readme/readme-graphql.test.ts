import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { parse, validate } from 'graphql';

/**
 * The README's GraphQL examples are promises: each must run against the API the gateway serves.
 * Every ```graphql block is parsed and validated against the supergraph's API schema.
 */
const ROOT = path.join(__dirname, '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const api = Supergraph.build(readFileSync(path.join(ROOT, 'schema/supergraph.graphql'), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();

/** Each operation of a block on its own: blocks list several, one per line or paragraph. */
function operationsOf(block: string): string[] {
  const text = block.replace(/#.*$/gm, '').trim();
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    current += ch;
    if (ch === '{') depth++;
    if (ch === '}') {
      depth--;
      if (depth === 0) {
        parts.push(current.trim());
        current = '';
      }
    }
  }
  return parts.filter((p) => p.length > 0);
}

const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

describe('the README’s GraphQL examples', () => {
  it('when the README is read, then it has GraphQL examples', () => {
    expect(blocks.length).toBeGreaterThan(5);
  });

  it.each(blocks.flatMap((block) => operationsOf(block)).map((operation) => [operation.slice(0, 60).replace(/\s+/g, ' '), operation]))(
    'when "%s…" is validated against the gateway’s API schema, then it is valid',
    (_name, operation) => {
      expect(validate(api, parse(operation)).map((e) => e.message)).toEqual([]);
    },
  );
});
