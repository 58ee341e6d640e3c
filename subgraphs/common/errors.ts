import { GraphQLError } from 'graphql';

/** Longest piece of a rejected value echoed back: enough to recognise it, never a 10 MB echo. */
const VALUE_ECHO_LIMIT = 64;

/**
 * Characters that show as nothing or reorder what follows. Echoed raw, a refused bidi override
 * would scramble the operator's own log line and a zero-width joiner would hide why the value
 * was refused: they are echoed as <U+XXXX> instead. Tab and line breaks stay as they are.
 */
const HIDDEN = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}]/gu;

function visible(text: string): string {
  return text.replace(HIDDEN, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}

function echo(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.length > VALUE_ECHO_LIMIT) {
    return `${visible(value.slice(0, VALUE_ECHO_LIMIT))}… (${value.length} символов)`;
  }
  return visible(value);
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
