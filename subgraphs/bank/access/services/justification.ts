import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';

const MIN_LENGTH = 20;
const MIN_WORDS = 3;
const MIN_DISTINCT_LETTERS = 8;

/**
 * An emergency opens a child's record without consent; auditors review it afterwards by its
 * reason. The reason must be words someone wrote, not a length filler: twenty repeated letters,
 * a keyboard run of one word, or digits alone are refused.
 */
export function realJustification(field: string, raw: string): string {
  const text = v.text(field, raw, 4000).replace(/\s+/g, ' ');
  if (text.length < MIN_LENGTH) throw inputError(field, text, 'emergency.justification.length', `обоснование экстренного доступа: не менее ${MIN_LENGTH} символов`);
  const words = text.split(' ').filter((w) => /\p{L}{2,}/u.test(w));
  const letters = new Set([...text.toLowerCase()].filter((ch) => /\p{L}/u.test(ch)));
  const repeated = /(\p{L})\1{4,}/u.test(text);
  if (words.length < MIN_WORDS || letters.size < MIN_DISTINCT_LETTERS || repeated) {
    throw inputError(
      field,
      text,
      'emergency.justification.text',
      `обоснование должно быть связным текстом: не менее ${MIN_WORDS} слов, без повторов одного символа (что угрожает ребёнку и почему нельзя ждать)`,
    );
  }
  return text;
}
