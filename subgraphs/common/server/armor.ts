import { ApolloArmor } from '@escape.tech/graphql-armor';
import { RequestHandler } from 'express';
import { Lexer, Source, TokenKind } from 'graphql';
import { rememberedByText } from '../../../auth/remembered-by-text';

export const MAX_TOKENS = 5000;

/**
 * Query limits, on the gateway and again on every subgraph (a subgraph may be called
 * directly). Subgraphs get a little more room because the gateway's own subqueries nest the
 * `_entities` selection one level deeper than the client's query.
 */
export function createArmor(kind: 'gateway' | 'subgraph') {
  const extra = kind === 'subgraph' ? 2 : 0;
  return new ApolloArmor({
    // Messages name the rule but not the number: a limit told is a limit probed.
    maxDepth: { n: 12 + extra, exposeLimits: false, flattenFragments: true, errorMessage: 'Запрос отклонён: слишком глубокая вложенность (query depth)' },
    maxAliases: { n: 30, exposeLimits: false, errorMessage: 'Запрос отклонён: слишком много псевдонимов (aliases)' },
    maxDirectives: { n: 50, exposeLimits: false, errorMessage: 'Запрос отклонён: слишком много директив (directives)' },
    costLimit: { maxCost: 20000, exposeLimits: false, errorMessage: 'Запрос отклонён: слишком высокая стоимость (query cost)' },
    // Tokens are counted before Apollo sees the request (tokenLimit below): armor's own check answers 500.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
}

/** The answer to a document of too many tokens: a 400 with a GraphQL error naming the rule. */
export const TOO_MANY_TOKENS = {
  errors: [{ message: 'Запрос отклонён: слишком длинный запрос (tokens)', extensions: { code: 'BAD_USER_INPUT', rule: 'query.maxTokens' } }],
};

/** Does the request body's document have more than `max` tokens? Malformed documents pass on: Apollo reports syntax errors. */
export function tooManyTokens(body: unknown, max = MAX_TOKENS): boolean {
  const query = (body as { query?: unknown } | undefined)?.query;
  if (typeof query !== 'string') return false;
  // The portal's operations and the gateway's subgraph queries come back on every request.
  return max === MAX_TOKENS ? exceedsDefaultLimit(query) : countExceeds(query, max);
}

const exceedsDefaultLimit = rememberedByText((query) => countExceeds(query, MAX_TOKENS));

function countExceeds(query: string, max: number): boolean {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) if (++count > max) return true;
  } catch {
    // A syntax error: let Apollo answer it the usual way.
  }
  return false;
}

/** Refuses documents with too many tokens with a 400 and a GraphQL error, before parsing or validation spend anything on them. */
export function tokenLimit(max = MAX_TOKENS): RequestHandler {
  return (req, res, next) => {
    if (tooManyTokens(req.body, max)) res.status(400).json(TOO_MANY_TOKENS);
    else next();
  };
}
