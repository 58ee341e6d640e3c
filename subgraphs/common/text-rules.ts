/**
 * Which characters free text and people's names may carry. Names are matched against each
 * other (the bank's duplicate check), shown on screens and printed on KDN papers, so a name may
 * hold only what a person can see and type: invisible characters would make two spellings of one
 * name look alike and compare different, and bidi controls can reorder what a reader sees.
 */

export interface RefusedCharacter {
  rule: string;
  /** What the character is, in the words of the message (Russian). */
  what: string;
  codePoint: number;
  /** 1-based position in characters (code points), as an operator counts them. */
  position: number;
}

/** U+0000: PostgreSQL cannot store it in text, and no legitimate record carries it. */
export const NUL_RULE = 'text.nul';

const NUL_WHAT = 'символ NUL';

// C0 controls other than tab, line feed and carriage return: free text may carry line breaks.
// eslint-disable-next-line no-control-regex -- the control characters are what is refused
const TEXT_CONTROL = /[\x01-\x08\x0b\x0c\x0e-\x1f]/;
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first character free text may not carry: NUL, a C0 control other than \t \n \r, or half a UTF-16 pair. */
export function firstRefusedInText(value: string): RefusedCharacter | null {
  const nul = value.indexOf('\0');
  if (nul >= 0) return refused(value, nul, NUL_RULE, NUL_WHAT);
  const control = TEXT_CONTROL.exec(value);
  if (control) return refused(value, control.index, 'text.controlCharacter', 'управляющий символ');
  // node-postgres would store half a pair as U+FFFD without a word: refuse rather than corrupt.
  const surrogate = UNPAIRED_SURROGATE.exec(value);
  if (surrogate) return refused(value, surrogate.index, 'text.unpairedSurrogate', 'непарный суррогат UTF-16 (повреждённая кодировка)');
  return null;
}

function refused(value: string, index: number, rule: string, what: string): RefusedCharacter {
  return { rule, what, codePoint: value.codePointAt(index)!, position: [...value.slice(0, index)].length + 1 };
}

const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/u;
// Everything else Unicode says renders as nothing: soft hyphen, Hangul fillers, variation selectors, tags.
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
/** What a name is made of: letters of any script with their combining marks, and the separators names use. */
const NAME_CHARACTER = /[\p{L}\p{M}\p{Nd}\p{Zs}\p{Pd}'’‘.]/u;

function isNonCharacter(codePoint: number): boolean {
  return (codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) === 0xfffe;
}

/**
 * Why one character of a name is refused, or null when it may stay. Digits pass: agency
 * systems and our test factories number synthetic people ("Анна17"), and they are visible.
 */
function nameRuleFor(character: string, codePoint: number): { rule: string; what: string } | null {
  if (codePoint === 0) return { rule: NUL_RULE, what: NUL_WHAT };
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return { rule: 'name.unpairedSurrogate', what: 'непарный суррогат UTF-16 (повреждённая кодировка)' };
  if (/\p{Cc}/u.test(character)) return { rule: 'name.controlCharacter', what: 'управляющий символ' };
  if (BIDI_CONTROL.test(character)) return { rule: 'name.bidiControl', what: 'символ управления направлением текста' };
  if (ZERO_WIDTH.test(character)) return { rule: 'name.zeroWidth', what: 'невидимый символ нулевой ширины' };
  if (isNonCharacter(codePoint)) return { rule: 'name.nonCharacter', what: 'несимвол Юникода (не предназначен для текста)' };
  if (INVISIBLE.test(character)) return { rule: 'name.invisibleCharacter', what: 'невидимый служебный символ' };
  if (!NAME_CHARACTER.test(character)) return { rule: 'name.character', what: `«${character}»: в имени допускаются буквы, цифры, пробелы, дефис, апостроф и точка` };
  return null;
}

/** The first character a person's name may not carry. */
export function firstRefusedInName(value: string): RefusedCharacter | null {
  let position = 0;
  for (const character of value) {
    position++;
    const codePoint = character.codePointAt(0)!;
    const why = nameRuleFor(character, codePoint);
    if (why) return { ...why, codePoint, position };
  }
  return null;
}

export function hasLetter(value: string): boolean {
  return /\p{L}/u.test(value);
}

/** "U+200D", as character tables print it. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
