import { personInput, signalInput } from '../support/factories';
import { REGISTER_PERSON, reportSignal } from '../support/operations';
import type { HubClient } from '../support/hub-client';
import { sharedTestHub } from '../support/shared-hub';

const RECORD_RESPONSE = `mutation($i: RecordEmergencyResponseInput!) { police { recordEmergencyResponse(input: $i) { id } } }`;
const MARK_POLICE = `mutation($i: MarkPoliceEmergencyStepDoneInput!) { police { markEmergencyStepDone(input: $i) { id } } }`;
const POLICE_TRACK = `query($id: ID!) { child(id: $id) { police { emergencyResponses { id emergencyTrack { step dueOn doneOn documentRef rule status } } } } }`;
const RECORD_REFERRAL = `mutation($i: RecordEmergencyReferralInput!) { social { recordEmergencyReferral(input: $i) { id } } }`;
const HANDOVER = `mutation($i: RecordEmergencyHandoverInput!) { social { recordEmergencyHandover(input: $i) { id handedOverOn } } }`;
const MARK_SOCIAL = `mutation($i: MarkSocialEmergencyStepDoneInput!) { social { markEmergencyStepDone(input: $i) { id } } }`;
const SOCIAL_TRACK = `query($id: ID!) { child(id: $id) { social { emergencyReferrals { id emergencyTrack { step dueOn doneOn documentRef rule status } } } } }`;

type Item = { step: string; dueOn: string; doneOn: string | null; documentRef: string | null; rule: string; status: string };

// Friday 20 November 2026: 3 working days run to Wednesday 25 November.
const RECEIVED_ON = '2026-11-20';

describe('the police (Mari El 7.2) and social protection (7.3) emergency tracks', () => {
  let t: HubClient;
  let police: string;
  let social: string;
  const newChild = async () => {
    const school = await t.systemToken('education');
    const id = (await t.gql<{ registerPerson: { person: { id: string } } }>(school, REGISTER_PERSON, { input: personInput() })).data!.registerPerson.person.id;
    await t.gql(school, reportSignal('education'), { input: signalInput(id) });
    return id;
  };
  const policeTrack = async (childId: string): Promise<Array<{ id: string; emergencyTrack: Item[] }>> => {
    const view = await t.gql<{ child: { police: { emergencyResponses: Array<{ id: string; emergencyTrack: Item[] }> } } }>(await t.userToken('chair.vlk'), POLICE_TRACK, { id: childId });
    expect(view.errors).toBeUndefined();
    return view.data!.child.police.emergencyResponses;
  };
  const socialTrack = async (childId: string): Promise<Item[]> => {
    const view = await t.gql<{ child: { social: { emergencyReferrals: Array<{ emergencyTrack: Item[] }> } } }>(await t.userToken('chair.vlk'), SOCIAL_TRACK, { id: childId });
    expect(view.errors).toBeUndefined();
    return view.data!.child.social.emergencyReferrals[0].emergencyTrack;
  };
  const response = (childId: string, key: string, extra: Record<string, unknown> = {}) => ({
    idempotencyKey: key,
    childId,
    receivedOn: RECEIVED_ON,
    origin: 'INFORMATION_RECEIVED',
    description: 'Сообщение о ребенке, оставленном без присмотра',
    ...extra,
  });

  beforeAll(async () => {
    t = await sharedTestHub();
    police = await t.systemToken('police');
    social = await t.systemToken('social');
  });
  afterAll(async () => {
    await t.stop();
  });

  it('when the police received information, then the KDN sees the guardianship notice and the report to the KDN overdue until each is marked with its date and document', async () => {
    const childId = await newChild();
    const created = await t.gql<{ police: { recordEmergencyResponse: { id: string } } }>(police, RECORD_RESPONSE, { i: response(childId, 'police-info') });
    expect(created.errors).toBeUndefined();
    const id = created.data!.police.recordEmergencyResponse.id;
    // No delivery, so the delivery steps (7.2 3) г), д)) are not shown.
    expect((await policeTrack(childId))[0].emergencyTrack.map((i) => [i.step, i.dueOn, i.status, i.rule])).toEqual([
      ['GUARDIANSHIP_INFORMED', '2026-11-20', 'OVERDUE', 'Марий Эл, п. 7.2 1)'],
      ['KDN_REPORT', '2026-11-25', 'OVERDUE', 'Марий Эл, п. 7.2 2)'],
    ]);
    const refused = await t.gql(police, MARK_POLICE, { i: { responseId: id, step: 'KDN_DELIVERY_REPORT', doneOn: '2026-11-23', documentRef: 'Письмо № 5' } });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.step', rule: 'emergencyStep.notApplicable' });
    expect(refused.errors![0].message).toContain('7.2 3) д)');
    for (const [step, doneOn, doc] of [
      ['GUARDIANSHIP_INFORMED', '2026-11-20', 'Телефонограмма № 3'],
      ['KDN_REPORT', '2026-11-24', 'Письмо в КДНиЗП № 17'],
    ]) {
      expect((await t.gql(police, MARK_POLICE, { i: { responseId: id, step, doneOn, documentRef: doc } })).errors).toBeUndefined();
    }
    expect((await policeTrack(childId))[0].emergencyTrack.map((i) => [i.step, i.status, i.doneOn, i.documentRef])).toEqual([
      ['GUARDIANSHIP_INFORMED', 'DONE', '2026-11-20', 'Телефонограмма № 3'],
      ['KDN_REPORT', 'DONE', '2026-11-24', 'Письмо в КДНиЗП № 17'],
    ]);
    // The same mark is a replay; another date is refused rather than rewriting when it was done.
    expect((await t.gql(police, MARK_POLICE, { i: { responseId: id, step: 'KDN_REPORT', doneOn: '2026-11-24', documentRef: 'Письмо в КДНиЗП № 17' } })).errors).toBeUndefined();
    expect((await t.gql(police, MARK_POLICE, { i: { responseId: id, step: 'KDN_REPORT', doneOn: '2026-11-23', documentRef: 'Письмо в КДНиЗП № 17' } })).errors![0].extensions).toMatchObject({
      rule: 'emergencyStep.alreadyMarked',
    });
  });

  it('when a found neglected child was delivered to an institution, then the social protection notice and the KDN report count from the delivery', async () => {
    const childId = await newChild();
    const created = await t.gql<{ police: { recordEmergencyResponse: { id: string } } }>(police, RECORD_RESPONSE, {
      i: response(childId, 'police-found', { origin: 'NEGLECTED_CHILD_FOUND', deliveredTo: 'ORPHAN_INSTITUTION', deliveredOn: '2026-11-23', deliveryDocumentRef: 'Акт выявления № 8' }),
    });
    expect(created.errors).toBeUndefined();
    const id = created.data!.police.recordEmergencyResponse.id;
    expect((await policeTrack(childId))[0].emergencyTrack.map((i) => [i.step, i.dueOn])).toEqual([
      ['GUARDIANSHIP_INFORMED', '2026-11-20'],
      ['KDN_REPORT', '2026-11-25'],
      ['SOCIAL_INFORMED', '2026-11-23'],
      ['KDN_DELIVERY_REPORT', '2026-11-26'],
    ]);
    // A step cannot be done before its term starts (the delivery).
    const early = await t.gql(police, MARK_POLICE, { i: { responseId: id, step: 'SOCIAL_INFORMED', doneOn: '2026-11-21', documentRef: 'Телефонограмма' } });
    expect(early.errors![0].extensions).toMatchObject({ field: 'input.doneOn', rule: 'date.range' });
    expect((await t.gql(police, MARK_POLICE, { i: { responseId: id, step: 'SOCIAL_INFORMED', doneOn: '2026-11-23', documentRef: 'Телефонограмма № 9' } })).errors).toBeUndefined();
    const track = (await policeTrack(childId))[0].emergencyTrack;
    expect(track.find((i) => i.step === 'SOCIAL_INFORMED')).toMatchObject({ status: 'DONE', doneOn: '2026-11-23' });
    expect(track.find((i) => i.step === 'KDN_DELIVERY_REPORT')).toMatchObject({ status: 'OVERDUE', doneOn: null, rule: 'Марий Эл, п. 7.2 3) д)' });
  });

  it('when a delivery is given for information received, or without its act, or a step is unknown, then a field error names it and nothing is stored', async () => {
    const childId = await newChild();
    const wrongOrigin = await t.gql(police, RECORD_RESPONSE, {
      i: response(childId, 'police-bad-1', { deliveredTo: 'MEDICAL_ORGANISATION', deliveredOn: '2026-11-21', deliveryDocumentRef: 'Акт № 1' }),
    });
    expect(wrongOrigin.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.deliveredTo', rule: 'emergencyResponse.deliveryOnlyFound' });
    const noAct = await t.gql(police, RECORD_RESPONSE, { i: response(childId, 'police-bad-2', { origin: 'NEGLECTED_CHILD_FOUND', deliveredTo: 'MEDICAL_ORGANISATION', deliveredOn: '2026-11-21' }) });
    expect(noAct.errors![0].extensions).toMatchObject({ field: 'input.deliveryDocumentRef', rule: 'emergencyResponse.deliveryComplete' });
    const beforeReceipt = await t.gql(police, RECORD_RESPONSE, {
      i: response(childId, 'police-bad-3', { origin: 'NEGLECTED_CHILD_FOUND', deliveredTo: 'MEDICAL_ORGANISATION', deliveredOn: '2026-11-19', deliveryDocumentRef: 'Акт № 2' }),
    });
    expect(beforeReceipt.errors![0].extensions).toMatchObject({ field: 'input.deliveredOn', rule: 'date.range' });
    expect(await policeTrack(childId)).toEqual([]);
    const id = (await t.gql<{ police: { recordEmergencyResponse: { id: string } } }>(police, RECORD_RESPONSE, { i: response(childId, 'police-ok') })).data!.police.recordEmergencyResponse.id;
    expect((await t.gql(police, MARK_POLICE, { i: { responseId: id, step: 'PROSECUTOR_NOTIFIED', doneOn: '2026-11-23', documentRef: 'Письмо' } })).errors![0].extensions).toMatchObject({
      field: 'input.step',
      rule: 'emergencyStep.unknown',
    });
    expect((await t.gql(police, MARK_POLICE, { i: { responseId: id, step: 'KDN_REPORT', doneOn: '2026-11-23', documentRef: '' } })).errors![0].extensions).toMatchObject({
      field: 'input.documentRef',
    });
    // Another agency's system cannot mark the police's steps.
    const school = await t.systemToken('education');
    expect((await t.gql(school, MARK_POLICE, { i: { responseId: id, step: 'KDN_REPORT', doneOn: '2026-11-23', documentRef: 'Письмо' } })).errors![0].extensions!.code).toBe('FORBIDDEN');
    expect((await policeTrack(childId))[0].emergencyTrack.every((i) => i.status === 'OVERDUE' && i.doneOn === null)).toBe(true);
  });

  it('when social protection surveys a child in temporary placement, then the report to the KDN appears only once the child was handed over, due 3 working days after', async () => {
    const childId = await newChild();
    const created = await t.gql<{ social: { recordEmergencyReferral: { id: string } } }>(social, RECORD_REFERRAL, {
      i: { idempotencyKey: 'social-referral', childId, receivedOn: '2026-11-23', referredBy: 'POLICE', description: 'Ребенок доставлен в социальный приют' },
    });
    expect(created.errors).toBeUndefined();
    const referralId = created.data!.social.recordEmergencyReferral.id;
    expect((await socialTrack(childId)).map((i) => [i.step, i.dueOn, i.status])).toEqual([['LIVING_CONDITIONS_SURVEY', '2026-11-26', 'OVERDUE']]);
    const notYet = await t.gql(social, MARK_SOCIAL, { i: { referralId, step: 'KDN_HANDOVER_REPORT', doneOn: '2026-11-25', documentRef: 'Письмо' } });
    expect(notYet.errors![0].extensions).toMatchObject({ field: 'input.step', rule: 'emergencyStep.notApplicable' });
    const handover = { referralId, handedOverOn: '2026-11-24', handedOverTo: 'PARENTS', documentRef: 'Акт передачи № 4' };
    expect((await t.gql(social, HANDOVER, { i: handover })).errors).toBeUndefined();
    // Once: the same handover is a replay, another date is refused.
    expect((await t.gql(social, HANDOVER, { i: handover })).errors).toBeUndefined();
    expect((await t.gql(social, HANDOVER, { i: { ...handover, handedOverOn: '2026-11-25' } })).errors![0].extensions).toMatchObject({ rule: 'emergencyHandover.alreadyRecorded' });
    expect((await socialTrack(childId)).map((i) => [i.step, i.dueOn, i.status, i.rule])).toEqual([
      ['LIVING_CONDITIONS_SURVEY', '2026-11-26', 'OVERDUE', 'Марий Эл, п. 7.3'],
      ['KDN_HANDOVER_REPORT', '2026-11-27', 'OVERDUE', 'Марий Эл, п. 7.3'],
    ]);
    expect((await t.gql(social, MARK_SOCIAL, { i: { referralId, step: 'LIVING_CONDITIONS_SURVEY', doneOn: '2026-11-24', documentRef: 'Акт обследования № 11' } })).errors).toBeUndefined();
    expect((await t.gql(social, MARK_SOCIAL, { i: { referralId, step: 'KDN_HANDOVER_REPORT', doneOn: '2026-11-26', documentRef: 'Письмо в КДНиЗП № 30' } })).errors).toBeUndefined();
    expect((await socialTrack(childId)).map((i) => [i.step, i.status, i.doneOn, i.documentRef])).toEqual([
      ['LIVING_CONDITIONS_SURVEY', 'DONE', '2026-11-24', 'Акт обследования № 11'],
      ['KDN_HANDOVER_REPORT', 'DONE', '2026-11-26', 'Письмо в КДНиЗП № 30'],
    ]);
  });
});
