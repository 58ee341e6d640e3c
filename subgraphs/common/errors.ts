import { GraphQLError } from 'graphql';

/** Longest piece of a rejected value echoed back: enough to recognise it, never a 10 MB echo. */
const VALUE_ECHO_LIMIT = 64;

function echo(value: unknown): unknown {
  if (typeof value === 'string' && value.length > VALUE_ECHO_LIMIT) {
    return `${value.slice(0, VALUE_ECHO_LIMIT)}… (${value.length} символов)`;
  }
  return value;
}

/**
 * Bad input: names the field, the rejected value and the rule, so the sending system's
 * operator can fix the record without reading our code. Nothing is stored when this is thrown.
 */
export function inputError(field: string, value: unknown, rule: string, message: string): GraphQLError {
  return new GraphQLError(`Поле ${field}: ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', field, value: echo(value), rule },
  });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} не найден(а)`, { extensions: { code: 'NOT_FOUND', id } });
}

export function conflict(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT', ...extensions } });
}
