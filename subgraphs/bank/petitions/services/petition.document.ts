import { DocumentSpec } from '../../../common/export';
import { DocumentFamily, familyLabel } from '../../documents/services/document-data.service';
import { FORM_CAPTIONS } from '../../documents/services/document-forms';
import { PetitionEntity } from '../entities/petition.entity';

/** The fixed wording of Myasnikovsky appendices 6 and 7, between which the filled values go. */
export const PETITION_FORMS = {
  REGISTRATION: {
    form: FORM_CAPTIONS.myasnikovsky(6),
    title: 'ПРЕДСТАВЛЕНИЕ',
    ask: 'Просим Вас рассмотреть вопрос о постановке семьи',
    address: ', проживающей по адресу:',
    register: ', на учет в районный банк данных на семьи и несовершеннолетних, находящихся в социально опасном положении на основании (по причине)',
    grounds: '(дается подробное обоснование с изложением имеющихся фактов)',
  },
  REMOVAL: {
    form: FORM_CAPTIONS.myasnikovsky(7),
    title: 'ХОДАТАЙСТВО',
    ask: 'Просим Вас рассмотреть вопрос о снятии семьи',
    address: ', проживающей по адресу',
    register: ', с учета в районном банке данных о семьях и несовершеннолетних, находящихся в социально опасном положении по причине',
    grounds: null,
  },
  addressee: 'Председателю КДН и ЗП',
  subject: '(субъект профилактики)',
  signer: 'ФИО и должность лица, представляющего субъект профилактики',
} as const;

export function petitionDocument(petition: PetitionEntity, family: DocumentFamily, organisation: string): { fileName: string; spec: DocumentSpec } {
  const F = PETITION_FORMS[petition.kind as 'REGISTRATION' | 'REMOVAL'];
  return {
    fileName: `${petition.kind === 'REGISTRATION' ? 'Представление' : 'Ходатайство'}_${petition.filedOn}`,
    spec: {
      form: F.form,
      header: [PETITION_FORMS.addressee, `от ${organisation}`, PETITION_FORMS.subject],
      title: F.title,
      blocks: [
        { kind: 'paragraph', text: `${F.ask} ${familyLabel(family)}${F.address} ${petition.address}${F.register} ${petition.reason}` },
        ...(petition.grounds ? [{ kind: 'paragraph' as const, text: petition.grounds }] : []),
        ...(F.grounds ? [{ kind: 'paragraph' as const, text: F.grounds }] : []),
      ],
      signatures: [{ caption: PETITION_FORMS.signer, name: `${petition.signerName}, ${petition.signerPosition}`, date: petition.filedOn }],
    },
  };
}
