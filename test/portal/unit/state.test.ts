import { mayOpen, personFromAccessToken } from '../../../portal/src/auth/claims';
import { errorAt, missingServices, toHubError } from '../../../portal/src/api/hub-errors';
import { ResultCache } from '../../../portal/src/api/result-cache';

const jwt = (claims: Record<string, unknown>) => `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.signature`;

describe('the portal reads who is logged in from the access token', () => {
  it('when the token carries realm roles and an organisation, then the person has them', () => {
    const person = personFromAccessToken(
      jwt({ preferred_username: 'secretary.vlk', name: 'Секретарь Тестовая', realm_access: { roles: ['kdn_secretary', 'default-roles-hub'] }, organisation: '1020500010035' }),
    );
    expect(person).toEqual({ username: 'secretary.vlk', name: 'Секретарь Тестовая', roles: ['kdn_secretary', 'default-roles-hub'], organisation: '1020500010035' });
  });

  it('when the menu is built, then a page is offered only to a holder of one of its roles', () => {
    const person = personFromAccessToken(jwt({ preferred_username: 'social.vlk', realm_access: { roles: ['social_specialist'] } }));
    expect(mayOpen(person, ['kdn_secretary', 'kdn_chair'])).toBe(false);
    expect(mayOpen(person, ['social_specialist', 'education_specialist'])).toBe(true);
    expect(mayOpen(personFromAccessToken(jwt({ sub: 'x' })), ['auditor'])).toBe(false);
  });

  it('when the token is not a JWT, then it is refused rather than read as no roles', () => {
    expect(() => personFromAccessToken('opaque-token')).toThrow('JWT');
  });
});

describe("the portal shows the gateway's errors in Russian, each with its field and request id", () => {
  const redacted = toHubError({ message: 'Поле скрыто', path: ['child', 'snils'], extensions: { code: 'REDACTED', category: 'documents', reason: 'category_not_covered', requestId: 'req-1' } });
  const unavailable = toHubError(
    { message: 'Сервис «education» недоступен', path: ['child', 'education'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', service: 'education', reason: 'timeout' } },
    'req-2',
  );
  const refused = toHubError({ message: 'Недостаточно прав', path: ['child'], extensions: { code: 'FORBIDDEN', reason: 'no-relationship', requestId: 'req-3' } });
  const input = toHubError({ message: 'текст слишком короткий', extensions: { code: 'BAD_USER_INPUT', field: 'input.summary', rule: 'text.min', requestId: 'req-4' } });

  it('when a field is redacted, then the category and the reason are named in words', () => {
    expect(redacted).toMatchObject({ kind: 'redacted', path: 'child.snils', requestId: 'req-1' });
    expect(redacted.text).toBe('Скрыто (документы): согласие не распространяется на эту категорию данных');
  });

  it("when an agency's service did not answer, then its section is named as missing, with the answer's request id", () => {
    expect(unavailable).toMatchObject({ kind: 'unavailable', service: 'education', requestId: 'req-2' });
    expect(unavailable.text).toBe('Ведомство «Образование» не ответило: его сведения в ответ не вошли');
    expect(missingServices([redacted, unavailable, unavailable])).toEqual(['education']);
  });

  it('when access is refused, then the reason is given in words, not as a code', () => {
    expect(refused.text).toContain('ваша организация не участвует в открытом случае');
    expect(errorAt([redacted, refused], 'child')).toBe(refused);
  });

  it('when an input rule is broken, then the field is named', () => {
    expect(input).toMatchObject({ kind: 'input', field: 'input.summary', requestId: 'req-4' });
    expect(input.text).toBe('Поле «input.summary»: текст слишком короткий');
  });
});

describe('the answers kept in memory', () => {
  it('when a write succeeds or the person logs out, then every kept answer is dropped and the views are told', () => {
    const cache = new ResultCache<string>();
    let told = 0;
    const unsubscribe = cache.subscribe(() => told++);
    cache.set(ResultCache.key('PortalChildCard', { id: '1' }, 'INDIVIDUAL_PREVENTION'), 'Иванова Анна');
    expect(cache.get(ResultCache.key('PortalChildCard', { id: '1' }, 'INDIVIDUAL_PREVENTION'))).toBe('Иванова Анна');
    // The same operation under another purpose is another answer: the hub may decide otherwise.
    expect(cache.get(ResultCache.key('PortalChildCard', { id: '1' }, 'EMERGENCY'))).toBeUndefined();
    cache.clear();
    expect(cache.size).toBe(0);
    expect(told).toBe(1);
    unsubscribe();
    cache.invalidate();
    expect(told).toBe(1);
  });
});
