/**
 * The criteria of a socially dangerous situation (СОП) as the regulations word them, each with a
 * stable code and where it is written: Mari El 3.1-3.2 with the conclusion (appendix 2, section 6)
 * and the account card (appendix 3, section 8), and the Myasnikovsky district's section 2 with its
 * account card («Критерии постановки на учет»). The conclusion records which criteria hold, the
 * resolution recognising the SOP records them as the reason for registration, and appendix 8
 * prints their captions. test/catalogue/sop-criteria.test.ts reads every caption and quote back
 * from the seed text, so a wording cannot drift from its source unnoticed.
 */

/** Whom a criterion is about: the family (Mari El 3.2, Myasnikovsky 2) or the minor himself (Mari El 3.1). */
export type SopSubject = 'FAMILY' | 'MINOR';

export interface SopCitation {
  /** File name in ../shared/seeds/. */
  seed: string;
  /** Section as printed: '3.2', 'Приложение № 2, раздел 6', '2.1'. */
  section: string;
  /** Sub-item inside the section, as printed ('1)', '№ 3'). */
  item?: string;
  /** Verbatim phrase of the seed (whitespace may differ). */
  quote: string;
}

export interface SopCriterion {
  /** Stable code, English: what clients send and the database keeps. */
  readonly code: string;
  /** Region (first two OKTMO digits) whose procedure lists it: 88 Mari El, 60 Rostov oblast (Myasnikovsky district). */
  readonly region: '88' | '60';
  readonly subject: SopSubject;
  /** The wording as printed in the seed (the first citation's file); what documents print. */
  readonly caption: string;
  readonly citations: readonly SopCitation[];
}

const MARI_EL = '004_166694640244a117.txt';
const MYASNIKOVSKY = '002_3c355fd3198502e9.txt';
const ME_CONCLUSION = 'Приложение № 2, раздел 6';
const ME_CARD = 'Приложение № 3, раздел 8';
const MY_CARD = 'Приложение (карта учета семьи), «Критерии постановки на учет»';

export const SOP_CRITERIA: readonly SopCriterion[] = [
  {
    code: 'EVADING_UPBRINGING',
    region: '88',
    subject: 'FAMILY',
    caption: 'Семья, в которой родители (законные представители) уклоняются от воспитания и содержания детей и/или от защиты их прав и законных интересов',
    citations: [
      {
        seed: MARI_EL,
        section: '3.2',
        item: '1)',
        quote: 'семья, в которой родители (законные представители) уклоняются от воспитания и содержания детей и/или от защиты их прав и законных интересов;',
      },
      {
        seed: MARI_EL,
        section: ME_CONCLUSION,
        item: '1.',
        quote: 'Семья, в которой родители (законные представители) уклоняются от воспитания и содержания детей и/или от защиты их прав и законных интересов',
      },
      { seed: MARI_EL, section: ME_CARD, quote: 'Семья, в которой родители(законные представители) уклоняются от воспитания и содержания детей и/или от защиты их прав и законных интересов' },
    ],
  },
  {
    code: 'EVADING_UPBRINGING_SUBSTANCES',
    region: '88',
    subject: 'FAMILY',
    caption:
      'Семья, в которой родители (законные представители) уклоняются от воспитания и содержания детей и/или от защиты их прав и законных интересов в связи со злоупотреблением алкогольными напитками, наркотическими средствами, психоактивными веществами',
    citations: [
      { seed: MARI_EL, section: '3.2', item: '2)', quote: 'в связи со злоупотреблением алкогольными напитками, наркотическими средствами, психоактивными веществами;' },
      { seed: MARI_EL, section: ME_CONCLUSION, item: '2.', quote: 'в связи со злоупотреблением алкогольными напитками, наркотическими средствами, психоактивными веществами' },
    ],
  },
  {
    code: 'NO_HOME_OR_MEANS',
    region: '88',
    subject: 'FAMILY',
    caption: 'Семья с несовершеннолетними, не имеющая места жительства и средств к существованию',
    citations: [
      { seed: MARI_EL, section: '3.2', item: '3)', quote: 'семья с несовершеннолетними, не имеющая места жительства и /или средств к существованию' },
      { seed: MARI_EL, section: ME_CONCLUSION, item: '8.', quote: 'Семья с несовершеннолетними, не имеющая места жительства и средств к существованию' },
    ],
  },
  {
    code: 'UNLAWFUL_ACTS_IN_FAMILY',
    region: '88',
    subject: 'FAMILY',
    caption: 'Семья, в которой по отношению к несовершеннолетнему или другим членам семьи со стороны одного из родителей (законных представителей) совершены противоправные деяния',
    citations: [
      {
        seed: MARI_EL,
        section: '3.2',
        item: '4)',
        quote: 'семья, в которой по отношению к несовершеннолетнему или другим членам семьи со стороны одного из родителей (законных представителей) совершены противоправные деяния;',
      },
      {
        seed: MARI_EL,
        section: ME_CONCLUSION,
        item: '4.',
        quote: 'Семья, в которой по отношению к несовершеннолетнему или другим членам семьи со стороны одного из родителей совершены противоправные деяния',
      },
    ],
  },
  {
    code: 'CHILD_CRUELTY',
    region: '88',
    subject: 'FAMILY',
    caption: 'Семья, в которой выявлено жестокое обращение с детьми со стороны родителей (законных представителей)',
    citations: [
      { seed: MARI_EL, section: '3.2', item: '5)', quote: 'семья, в которой выявлено жестокое обращение с детьми со стороны родителей (законных представителей);' },
      { seed: MARI_EL, section: ME_CONCLUSION, item: '7.', quote: 'Семья, в которой выявлено жестокое обращение с детьми со стороны родителей(законных представителей)' },
    ],
  },
  {
    code: 'MINORS_INVOLVED_IN_OFFENCES',
    region: '88',
    subject: 'FAMILY',
    caption: 'Семья, в которой несовершеннолетние вовлекаются в совершение правонарушений или антиобщественных действий',
    citations: [
      { seed: MARI_EL, section: ME_CONCLUSION, item: '3.', quote: 'Семья, в которой несовершеннолетние вовлекаются в совершение правонарушений или антиобщественных действий' },
      { seed: MARI_EL, section: ME_CARD, quote: 'Семья, в которой несовершеннолетние вовлекаются в совершение правонарушений или антиобщественных действий' },
    ],
  },
  {
    code: 'DOMESTIC_VIOLENCE',
    region: '88',
    subject: 'FAMILY',
    caption: 'Насилие в семье',
    citations: [{ seed: MARI_EL, section: ME_CARD, quote: 'Насилие в семье' }],
  },
  {
    code: 'MINOR_USES_ALCOHOL',
    region: '88',
    subject: 'MINOR',
    caption: 'Несовершеннолетний, употребляющий алкогольные напитки',
    citations: [
      { seed: MARI_EL, section: ME_CARD, quote: 'Несовершеннолетний, употребляющий алкогольные напитки' },
      { seed: MARI_EL, section: ME_CONCLUSION, item: '5.', quote: 'Семья, в которой несовершеннолетний, употребляет алкогольные напитки' },
    ],
  },
  {
    code: 'MINOR_USES_DRUGS',
    region: '88',
    subject: 'MINOR',
    caption: 'Несовершеннолетний, употребляющий наркотические, психоактивные вещества',
    citations: [
      { seed: MARI_EL, section: ME_CARD, quote: 'Несовершеннолетний, употребляющий наркотические, психоактивные вещества' },
      { seed: MARI_EL, section: ME_CONCLUSION, item: '6.', quote: 'Семья, в которой несовершеннолетний, употребляет наркотические, психоактивные вещества' },
    ],
  },
  {
    // Mari El 3.1: the minor's own grounds are those of the federal law, which the seed names without listing them.
    code: 'MINOR_FEDERAL_LAW_ART_5',
    region: '88',
    subject: 'MINOR',
    caption: 'статья 5 Федерального закона № 120-ФЗ',
    citations: [
      {
        seed: MARI_EL,
        section: '3.1',
        quote:
          'Основаниями для признания несовершеннолетнего, находящегося в социально опасном положении, в отношении которого проводится индивидуальная профилактическая работа является статья 5 Федерального закона № 120-ФЗ',
      },
    ],
  },
  {
    code: 'PARENTAL_DUTIES_UNFULFILLED',
    region: '60',
    subject: 'FAMILY',
    caption: 'Неисполнение родителями обязанностей по воспитанию и жизнеобеспечению несовершеннолетних',
    citations: [
      { seed: MYASNIKOVSKY, section: '2.1', quote: '2.1. Неисполнение родителями обязанностей по воспитанию и жизнеобеспечению несовершеннолетних:' },
      { seed: MYASNIKOVSKY, section: MY_CARD, quote: '2.1. Неисполнение родителями обязанностей по воспитанию и жизнеобеспечению несовершеннолетних;' },
    ],
  },
  {
    code: 'NO_SCHOOLING_CONTROL',
    region: '60',
    subject: 'FAMILY',
    caption: 'Отсутствие контроля за обучением ребенка',
    citations: [
      { seed: MYASNIKOVSKY, section: '2.2', quote: '2.2. Отсутствие контроля за обучением ребенка:' },
      { seed: MYASNIKOVSKY, section: MY_CARD, quote: '2.2. Отсутствие контроля за обучением ребенка;' },
    ],
  },
  {
    code: 'FAMILY_MEMBERS_CRUELTY',
    region: '60',
    subject: 'FAMILY',
    caption: 'Жестокое обращение с детьми со стороны членов семьи',
    citations: [
      { seed: MYASNIKOVSKY, section: '2.3', quote: '2.3. Жестокое обращение с детьми со стороны членов семьи:' },
      { seed: MYASNIKOVSKY, section: MY_CARD, quote: '2.3. Жестокое обращение с детьми со стороны членов семьи;' },
    ],
  },
  {
    code: 'CHILDREN_INVOLVED_IN_UNLAWFUL_ACTS',
    region: '60',
    subject: 'FAMILY',
    caption: 'Вовлечение детей в противоправные действия',
    citations: [
      { seed: MYASNIKOVSKY, section: '2.4', quote: '2.4. Вовлечение детей в противоправные действия.' },
      { seed: MYASNIKOVSKY, section: MY_CARD, quote: '2.4. Вовлечение детей в противоправные действия;' },
    ],
  },
  {
    code: 'PARENTS_NEGATIVE_INFLUENCE',
    region: '60',
    subject: 'FAMILY',
    caption: 'Отрицательное влияние родителей на поведение и развитие детей',
    citations: [
      { seed: MYASNIKOVSKY, section: '2.5', quote: '2.5. Отрицательное влияние родителей на поведение и развитие детей:' },
      { seed: MYASNIKOVSKY, section: MY_CARD, quote: '2.5. Отрицательное влияние родителей на поведение и развитие детей.' },
    ],
  },
];

const BY_CODE = new Map(SOP_CRITERIA.map((c) => [c.code, c]));

export function sopCriterion(code: string): SopCriterion | undefined {
  return BY_CODE.get(code);
}

/** Codes (in input order, each once) that are not in the catalogue. */
export function unknownSopCriteria(codes: readonly string[]): string[] {
  return [...new Set(codes)].filter((code) => !BY_CODE.has(code));
}

/**
 * The criteria a case of this territory may name: its region's own list where its procedure has
 * one (Mari El, Rostov oblast); elsewhere any criterion of the catalogue, each with its source.
 */
export function sopCriteriaFor(municipality: string): readonly SopCriterion[] {
  const own = SOP_CRITERIA.filter((c) => c.region === municipality.slice(0, 2));
  return own.length ? own : SOP_CRITERIA;
}

/** «Причина постановки на учет» as documents print it: the captions of the codes, in catalogue order. */
export function sopReasonText(codes: readonly string[], note?: string | null): string | null {
  const captions = SOP_CRITERIA.filter((c) => codes.includes(c.code)).map((c) => c.caption);
  const parts = [...captions, ...(note ? [note] : [])];
  return parts.length ? parts.join('; ') : null;
}
