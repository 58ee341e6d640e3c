import { MAX_TOKENS, tooManyTokens } from '../../subgraphs/common/server/armor';

const within = (n: number) => ({ query: `{ a${n} ${'b '.repeat(10)}}` });
const over = { query: `{ ${'__typename '.repeat(MAX_TOKENS + 1)}}` };

describe('the token limit remembers documents it counted within the limit', () => {
  it('when a document within the limit comes again, then it passes again; one over the limit is refused every time', () => {
    const answers = [tooManyTokens(within(1)), tooManyTokens(within(1)), tooManyTokens(over), tooManyTokens(over)];

    expect(answers).toEqual([false, false, true, true]);
  });

  it('when more documents come than it remembers, then each is still counted and a long one still refused', () => {
    const many = Array.from({ length: 700 }, (_, i) => tooManyTokens(within(i)));

    expect(many.every((answer) => answer === false)).toBe(true);
    expect(tooManyTokens(over)).toBe(true);
    expect(tooManyTokens({ query: `${over.query} ` })).toBe(true);
  });

  it('when a caller asks for a lower limit, then a document remembered under the default is counted against it', () => {
    const document = within(9999);
    tooManyTokens(document);

    expect(tooManyTokens(document, 5)).toBe(true);
  });
});
