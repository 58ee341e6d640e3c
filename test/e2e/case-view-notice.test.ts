import { Client } from 'pg';
import { kdnFlow } from '../support/kdn-flow';
import { startTestHub, TestHub } from '../support/test-hub';

/**
 * CP-IS's third trigger, a setting (`CASE_VIEW_NOTICE=true`): the curator of a case learns when an
 * organisation outside the case's team opens the child's card: who and when, once per
 * organisation and day, never what was read.
 */
const VIEW = `query($id: ID!) { child(id: $id) { id fullName } }`;
const INBOX = `{ inbox(first: 100) { notifications { kind caseId message } } }`;

describe('the curator is told when an organisation outside the case opens the child’s card', () => {
  let t: TestHub;
  let admin: Client;

  beforeAll(async () => {
    t = await startTestHub({ caseViewNotice: true });
    admin = new Client({ connectionString: t.adminUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await t.stop();
  });

  it('when a school of the territory opens the card twice and the lead organisation once, then the curator is told once, of the school only, without content', async () => {
    const flow = kdnFlow(t);
    const { childId } = await flow.family();
    const kase = await flow.recogniseSop(childId, 'П-1');
    const curatorNotes = async () =>
      (await t.gql<{ inbox: { notifications: Array<{ kind: string; caseId: string; message: string }> } }>(await t.userToken('curator.vlk'), INBOX)).data!.inbox.notifications.filter(
        (n) => n.kind === 'CASE_VIEWED' && n.caseId === kase.id,
      );
    expect(await curatorNotes()).toEqual([]);

    const school = await t.systemToken('education');
    for (let i = 0; i < 2; i++) expect((await t.gql<{ child: { id: string } }>(school, VIEW, { id: childId })).data!.child.id).toBe(childId);
    // The lead organisation (social services of the resolution) and the curator are the team: no news.
    expect((await t.gql(await t.userToken('social.vlk'), VIEW, { id: childId })).errors).toBeUndefined();
    expect((await t.gql(await t.userToken('curator.vlk'), VIEW, { id: childId })).errors).toBeUndefined();

    const notes = await curatorNotes();
    expect(notes).toHaveLength(1);
    expect(notes[0].message).toContain('МБОУ «Средняя общеобразовательная школа № 1» г. Владивостока');
    expect(notes[0].message).toContain(kase.number);
    const { rows } = await admin.query(`SELECT full_name FROM (SELECT last_name || ' ' || first_name AS full_name FROM bank.person WHERE id = $1) p`, [childId]);
    expect(notes[0].message).not.toContain(rows[0].full_name.split(' ')[0]);
  });

  it('when the setting is off (the default), then nothing is told', async () => {
    const plain = await startTestHub();
    try {
      const flow = kdnFlow(plain);
      const { childId } = await flow.family();
      await flow.recogniseSop(childId, 'П-2');
      await plain.gql(await plain.systemToken('education'), VIEW, { id: childId });
      const notes = (await plain.gql<{ inbox: { notifications: Array<{ kind: string }> } }>(await plain.userToken('curator.vlk'), INBOX)).data!.inbox.notifications;
      expect(notes.filter((n) => n.kind === 'CASE_VIEWED')).toEqual([]);
    } finally {
      await plain.stop();
    }
  });
});
