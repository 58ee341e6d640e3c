import crypto from 'node:crypto';
import { createGrantSigner, createGrantVerifier, generateGrantKeys } from '../../auth/access/access-grant';
import { Principal } from '../../auth/principal';

const principal = (subject: string) => ({ subject }) as Principal;
const SUBJECT = { municipality: '88701000', participants: ['1021200010220'] };

/**
 * Five agency subgraphs in one process check the same grant of one view: the bank's signature is
 * checked once for all of them, and every use still checks what the grant is for and for whom.
 */
describe('access grants checked once per process', () => {
  const keys = generateGrantKeys();
  const sign = createGrantSigner(keys.privateKey);
  let signatureChecks: jest.SpiedFunction<typeof crypto.verify>;

  beforeEach(() => {
    signatureChecks = jest.spyOn(crypto, 'verify');
  });
  afterEach(() => signatureChecks.mockRestore());

  it('when five verifiers of one process check the same grant, then its signature is checked once and each gets the facts', () => {
    const grant = sign(principal('secretary'), 'Child', 'child-1', SUBJECT);
    const agencies = Array.from({ length: 5 }, () => createGrantVerifier(keys.publicKey));

    const facts = agencies.map((verify) => verify(grant, principal('secretary'), 'Child', 'child-1'));

    expect(facts.map((f) => f.municipality)).toEqual(Array(5).fill('88701000'));
    expect(signatureChecks).toHaveBeenCalledTimes(1);
  });

  it('when a remembered grant is used for another child or by another caller, then it is refused as before', () => {
    const grant = sign(principal('secretary'), 'Child', 'child-1', SUBJECT);
    const verify = createGrantVerifier(keys.publicKey);
    verify(grant, principal('secretary'), 'Child', 'child-1');

    expect(() => verify(grant, principal('secretary'), 'Child', 'child-2')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ reason: 'grant_other_subject' }) }));
    expect(() => verify(grant, principal('someone-else'), 'Child', 'child-1')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ reason: 'grant_other_caller' }) }));
  });

  it('when a grant is signed by another key, then it is refused every time and never remembered', () => {
    const forged = createGrantSigner(generateGrantKeys().privateKey)(principal('secretary'), 'Child', 'child-1', SUBJECT);
    const verify = createGrantVerifier(keys.publicKey);

    for (let i = 0; i < 3; i++)
      expect(() => verify(forged, principal('secretary'), 'Child', 'child-1')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ reason: 'grant_signature' }) }));

    expect(signatureChecks).toHaveBeenCalledTimes(3);
  });
});
