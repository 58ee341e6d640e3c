import { Citation, SEEDS } from '../../../../schema/calendar/region-rules';

/**
 * Which form prints a family's account card, by the first two OKTMO digits of the family's
 * municipality: Mari El has its own (appendix 3); any other region gets Myasnikovsky's (appendix 2),
 * the data bank procedure whose terms the hub already applies everywhere. Citations are checked
 * against the seed text by test/e2e/account-card.test.ts.
 */
export type AccountCardForm = 'MARI_EL_APPENDIX_3' | 'MYASNIKOVSKY_APPENDIX_2';

export interface AccountCardFormRule {
  region: string | '*';
  form: AccountCardForm;
  citation: Citation;
}

export const ACCOUNT_CARD_FORM_RULES: readonly AccountCardFormRule[] = [
  {
    region: '88',
    form: 'MARI_EL_APPENDIX_3',
    citation: {
      seed: SEEDS.mariEl.file,
      section: '5.3',
      quote: 'куратор случая оформляет учетную карту семьи и несовершеннолетнего, находящихся в социально опасном положении по форме согласно приложению № 3 к настоящему Порядку',
    },
  },
  {
    region: '*',
    form: 'MYASNIKOVSKY_APPENDIX_2',
    citation: { seed: SEEDS.myasnikovsky.file, section: '5.3', quote: 'заполняет карту учета семьи, находящейся в социально опасном положении' },
  },
];

export function accountCardForm(municipality: string): AccountCardFormRule {
  return ACCOUNT_CARD_FORM_RULES.find((r) => r.region === municipality.slice(0, 2)) ?? ACCOUNT_CARD_FORM_RULES.find((r) => r.region === '*')!;
}

/** The appendices' captions and titles as the seeds print them (line breaks joined). */
export const ACCOUNT_CARD_CAPTIONS: Record<AccountCardForm, { form: string; title: string }> = {
  MARI_EL_APPENDIX_3: {
    form: 'ПРИЛОЖЕНИЕ № 3 к Порядку межведомственного взаимодействия органов и учреждений системы профилактики безнадзорности и правонарушений несовершеннолетних Республики Марий Эл по выявлению и организации индивидуальной профилактической работы с несовершеннолетними и (или) семьями, находящимися в социально опасном положении',
    title: 'Учетная карта семьи и несовершеннолетнего, находящихся в социально опасном положении',
  },
  MYASNIKOVSKY_APPENDIX_2: {
    form: 'Приложение №2 к порядку межведомственного взаимодействия органов и учреждений системы профилактики семейного неблагополучия, безнадзорности и правонарушений несовершеннолетних при формировании единого муниципального банка данных семей, находящихся в социально опасном положении',
    title: 'Карта учета семьи, находящейся в социально опасном положении',
  },
};
