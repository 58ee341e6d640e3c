import { Citation, SEEDS } from '../../../../schema/calendar/region-rules';

/**
 * Which region's form prints a document, as data with its citation (checked against the seed
 * text by test/e2e/documents.test.ts). Keys: the first two OKTMO digits of the case's
 * municipality; a region without its own form uses the fallback (the form the hub applies
 * everywhere, as with Myasnikovsky's reporting terms).
 */
export type FormKey = 'CONCLUSION' | 'PROGRAMME';
export type FormVariant = 'PRIMORSKY_APPENDIX_2' | 'MARI_EL_APPENDIX_2' | 'MYASNIKOVSKY_APPENDIX_3' | 'MARI_EL_APPENDIX_4';

export interface FormRule {
  key: FormKey;
  region: string | '*';
  variant: FormVariant;
  citation: Citation;
}

export const FORM_RULES: readonly FormRule[] = [
  {
    key: 'CONCLUSION',
    region: '88',
    variant: 'MARI_EL_APPENDIX_2',
    citation: { seed: SEEDS.mariEl.file, section: '4.6', quote: 'и оформляет заключение по форме согласно приложению № 2 к настоящему Порядку' },
  },
  { key: 'CONCLUSION', region: '*', variant: 'PRIMORSKY_APPENDIX_2', citation: { seed: SEEDS.primorsky.file, section: '5.3', quote: 'оформляют заключение (Приложение 2 к Порядку)' } },
  {
    key: 'PROGRAMME',
    region: '88',
    variant: 'MARI_EL_APPENDIX_4',
    citation: { seed: SEEDS.mariEl.file, section: 'Приложение № 4', quote: 'Индивидуальная программа социальной реабилитации семьи и несовершеннолетнего' },
  },
  {
    key: 'PROGRAMME',
    region: '*',
    variant: 'MYASNIKOVSKY_APPENDIX_3',
    citation: { seed: SEEDS.myasnikovsky.file, section: 'Приложение №3', quote: 'Индивидуальная комплексная программа реабилитации' },
  },
];

export function formFor(key: FormKey, municipality: string): FormRule {
  const region = municipality.slice(0, 2);
  return FORM_RULES.find((r) => r.key === key && r.region === region) ?? FORM_RULES.find((r) => r.key === key && r.region === '*')!;
}

/** The appendix captions as the seeds print them (line breaks joined). */
export const FORM_CAPTIONS = {
  myasnikovsky: (n: number) =>
    `Приложение №${n} к порядку межведомственного взаимодействия органов и учреждений системы профилактики семейного неблагополучия, безнадзорности и правонарушений несовершеннолетних при формировании единого муниципального банка данных семей, находящихся в социально опасном положении`,
  mariEl: (n: number) =>
    `ПРИЛОЖЕНИЕ № ${n} к Порядку межведомственного взаимодействия органов и учреждений системы профилактики безнадзорности и правонарушений несовершеннолетних Республики Марий Эл по выявлению и организации индивидуальной профилактической работы с несовершеннолетними и (или) семьями, находящимися в социально опасном положении`,
  primorsky: (n: number) => `Приложение ${n} к Порядку`,
};
