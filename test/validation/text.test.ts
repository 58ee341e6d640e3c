import { GraphQLError, parse } from 'graphql';
import { nameKey } from '../../subgraphs/bank/identity/services/person.view';
import { inputError } from '../../subgraphs/common/errors';
import { findNulInDocument, findNulInVariables } from '../../subgraphs/common/server/nul-guard';
import { optionalPersonName, optionalText, personName, text } from '../../subgraphs/common/validation';

/** The rule of the input error `run` throws, or null when it passes. */
function ruleOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return String((error as GraphQLError).extensions.rule);
  }
}

describe('free text', () => {
  it('when free text arrives decomposed, then it is stored composed (NFC) and trimmed', () => {
    expect(text('f', '  И\u0306од и е\u0308ж ', 100)).toBe('Йод и ёж');
  });

  it('when free text carries tabs and line breaks, then they stay', () => {
    expect(text('f', 'первая\tстрока\r\nвторая', 100)).toBe('первая\tстрока\r\nвторая');
  });

  it.each([
    ['a NUL', 'абв\0где', 'text.nul'],
    ['a NUL alone', '\0', 'text.nul'],
    ['a vertical tab', 'аб\x0bв', 'text.controlCharacter'],
    ['an escape', '\x1b[31mкрасный', 'text.controlCharacter'],
    ['half a surrogate pair', 'аб\ud83dв', 'text.unpairedSurrogate'],
  ])('when free text carries %s, then it is a field error with its own rule', (_what, value, rule) => {
    expect(ruleOf(() => text('input.description', value, 100))).toBe(rule);
    expect(ruleOf(() => optionalText('input.note', value, 100))).toBe(rule);
  });

  it('when the error names a refused character, then the message says which and where, and the echo shows it', () => {
    try {
      text('input.description', 'аб\0в', 100);
      throw new Error('not refused');
    } catch (error) {
      const e = error as GraphQLError;
      expect(e.message).toBe('Поле input.description: недопустимый символ U+0000 (символ NUL) в позиции 3');
      expect(e.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.description', rule: 'text.nul', value: 'аб<U+0000>в' });
    }
  });

  it('when a value is over the limit, then the length rule answers before any character is read', () => {
    expect(ruleOf(() => text('f', '\0'.repeat(101), 100))).toBe('text.maxLength');
  });

  it('when NFC makes a value longer than the limit, then the length rule still holds', () => {
    // U+FB2C (a Hebrew presentation form) composes to three code units under NFC.
    expect(ruleOf(() => text('f', '\ufb2c'.repeat(40), 100))).toBe('text.maxLength');
  });
});

describe("a person's name", () => {
  it.each([['Ёлкина'], ['Петрова-Водкина'], ["д'Артаньян"], ['Сидорова Е. В.'], ['O’Brien'], ['Nguyễn'], ['Ərəbov'], ['Анна17']])('when the name is %s, then it passes', (name) => {
    expect(personName('input.lastName', name, 100)).toBe(name.normalize('NFC'));
  });

  it('when a name arrives decomposed, then it is stored composed', () => {
    expect(personName('input.firstName', 'И\u0306ван', 100)).toBe('Йван');
  });

  it.each([
    ['a zero-width joiner', 'Ива\u200dнов', 'name.zeroWidth'],
    ['a zero-width space', 'Ива\u200bнов', 'name.zeroWidth'],
    ['a word joiner', 'Ива\u2060нов', 'name.zeroWidth'],
    ['a byte order mark', '\ufeffИванов', 'name.zeroWidth'],
    ['a right-to-left override', 'Ива\u202eвон', 'name.bidiControl'],
    ['a first-strong isolate', '\u2068Иванов\u2069', 'name.bidiControl'],
    ['a left-to-right mark', 'Иванов\u200e', 'name.bidiControl'],
    ['an Arabic letter mark', 'Иванов\u061c', 'name.bidiControl'],
    ['a NUL', 'Ива\0нов', 'text.nul'],
    ['a tab', 'Ива\tнов', 'name.controlCharacter'],
    ['a line feed', 'Иванов\nПётр', 'name.controlCharacter'],
    ['a C1 control', 'Ива\u0085нов', 'name.controlCharacter'],
    ['DEL', 'Ива\u007fнов', 'name.controlCharacter'],
    ['the non-character U+FDD0', 'Ива\ufdd0нов', 'name.nonCharacter'],
    ['the non-character U+FFFE', 'Ива\ufffeнов', 'name.nonCharacter'],
    ['the non-character U+1FFFF', 'Ива\u{1ffff}нов', 'name.nonCharacter'],
    ['half a surrogate pair', 'Ива\udc00нов', 'name.unpairedSurrogate'],
    ['a soft hyphen', 'Ива\u00adнов', 'name.invisibleCharacter'],
    ['a Hangul filler', 'Иванов\u3164', 'name.invisibleCharacter'],
    ['a variation selector', 'Ива\ufe0fнов', 'name.invisibleCharacter'],
    ['an at sign', 'ivanov@example.org', 'name.character'],
    ['an emoji', 'Иванов😀', 'name.character'],
    ['angle brackets', '<script>', 'name.character'],
    ['only punctuation', '.-', 'name.letter'],
    ['only spaces', '   ', 'text.required'],
  ])('when a name carries %s, then it is a field error with its own rule', (_what, value, rule) => {
    expect(ruleOf(() => personName('input.lastName', value, 100))).toBe(rule);
    expect(ruleOf(() => optionalPersonName('input.middleName', value, 100))).toBe(rule === 'text.required' ? null : rule);
  });

  it('when a name carries a zero-width joiner, then the message names the code point and the position in Russian', () => {
    try {
      personName('input.lastName', 'Ива\u200dнов', 100);
      throw new Error('not refused');
    } catch (error) {
      const e = error as GraphQLError;
      expect(e.message).toBe('Поле input.lastName: недопустимый символ U+200D (невидимый символ нулевой ширины) в позиции 4');
      expect(e.extensions.value).toBe('Ива<U+200D>нов');
    }
  });

  it('when a 10 MB name arrives, then the length rule answers', () => {
    expect(ruleOf(() => personName('input.lastName', 'Я'.repeat(5 * 1024 * 1024), 100))).toBe('text.maxLength');
  });
});

describe('the duplicate-check key of a name', () => {
  it.each([
    ['composed and decomposed Й', ['Йошкина', 'Анна', null], ['И\u0306ошкина', 'Анна', null]],
    ['ё and е', ['Ёлкина', 'Вера', 'Петровна'], ['Елкина', 'Вера', 'Петровна']],
    ['decomposed ё and е', ['Е\u0308лкина', 'Вера', null], ['Елкина', 'Вера', null]],
    ['letter case', ['СМИРНОВА', 'ДАРЬЯ', null], ['смирнова', 'дарья', null]],
    ['spacing', ['Смирнова ', ' Дарья', null], ['Смирнова', 'Дарья', null]],
    ['the kind of hyphen', ['Петрова‐Водкина', 'Анна', null], ['Петрова-Водкина', 'Анна', null]],
    ['spaces around a hyphen', ['Петрова - Водкина', 'Анна', null], ['Петрова-Водкина', 'Анна', null]],
    ['the kind of apostrophe', ['О’Брайен', 'Анна', null], ["О'Брайен", 'Анна', null]],
    ['full-width letters', ['ＩＶＡＮＯＶＡ', 'Anna', null], ['Ivanova', 'Anna', null]],
    ['ß and SS', ['Straße', 'Anna', null], ['STRASSE', 'Anna', null]],
    ['a zero-width joiner left by another path', ['Ива\u200dнова', 'Анна', null], ['Иванова', 'Анна', null]],
  ] as Array<[string, [string, string, string | null], [string, string, string | null]]>)('when two names differ only in %s, then their keys agree', (_what, a, b) => {
    expect(nameKey(...a)).toBe(nameKey(...b));
  });

  it('when two names differ in a letter, then their keys differ (й is not и)', () => {
    expect(nameKey('Йошкина', 'Анна', null)).not.toBe(nameKey('Иошкина', 'Анна', null));
  });
});

describe('the NUL guard', () => {
  it('when a NUL is deep in the variables, then its path is named as the services name fields', () => {
    expect(findNulInVariables({ input: { reporter: { name: 'а\0б' } } })).toEqual({ path: 'input.reporter.name', value: 'а\0б' });
    expect(findNulInVariables({ input: { members: [{ role: 'MOTHER' }, { role: 'CH\0ILD' }] } })).toEqual({ path: 'input.members[1].role', value: 'CH\0ILD' });
    expect(findNulInVariables({ input: { details: { 'ke\0y': 1 } } })).toEqual({ path: 'input.details.ke\0y', value: 'ke\0y' });
    expect(findNulInVariables({ 'x\0': 1 })).toEqual({ path: 'x\0', value: 'x\0' });
  });

  it('when the variables carry no NUL, then nothing is found', () => {
    expect(findNulInVariables({ input: { a: ['б', 1, null, true, { c: 'д' }] } })).toBeNull();
    expect(findNulInVariables(undefined)).toBeNull();
  });

  it('when variables nest deeper than the stack would allow recursion, then the walk still finishes', () => {
    let deep: unknown = 'дно\0';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNulInVariables({ v: deep })?.value).toBe('дно\0');
  });

  it('when a NUL is written into the document as a literal or a default, then its argument path is named', () => {
    expect(findNulInDocument(parse('mutation { a(input: { list: ["x", "y\\u0000"] }) }'))).toEqual({ path: 'input.list[1]', value: 'y\0' });
    expect(findNulInDocument(parse('query($q: String = "\\u0000") { a(q: $q) }'))).toEqual({ path: 'q', value: '\0' });
    expect(findNulInDocument(parse('query { a(q: "нет") { b(c: "ничего") } }'))).toBeNull();
  });

  it('when inputError is given any value, then hidden characters are echoed visibly and line breaks stay', () => {
    expect(inputError('f', 'а\u202eб\nв', 'r', 'm').extensions.value).toBe('а<U+202E>б\nв');
  });
});
