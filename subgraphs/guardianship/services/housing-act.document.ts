import { DocumentSpec, printedDate } from '../../common/export';
import { HousingActParent, HousingInspectionEntity } from '../entities/housing-inspection.entity';

/** Myasnikovsky appendix 1 as the seed prints it (test/e2e/documents.test.ts finds each caption in the seed). */
export const HOUSING_ACT_FORM = {
  form: 'Приложение №1 к порядку межведомственного взаимодействия органов и учреждений системы профилактики семейного неблагополучия, безнадзорности и правонарушений несовершеннолетних при формировании единого муниципального банка данных семей, находящихся в социально опасном положении',
  title: 'АКТ жилищно-бытовых условий семьи',
  familyName: '(фамилия семьи)',
  father: 'Отец:',
  mother: 'Мать:',
  lastName: 'Фамилия',
  firstName: 'Имя',
  middleName: 'Отчество',
  birthDate: 'Дата рождения',
  workplace: 'Место работы',
  position: 'должность',
  address: 'Адрес проживания',
  phone: 'Телефон',
  members: 'Количество членов семьи',
  minors: 'в т.ч: несовершеннолетних',
  conditions: 'Условия проживания (квартира или дом; количество комнат, общая жилая площадь, наличие коммунальных удобств, санитарное состояние):',
  problems: 'Проблемы семьи (на основе соответствия критериев отнесения семей к категории находящихся в социально опасном положении):',
  conclusion: 'Заключения специалистов о необходимости постановки семьи на учет:',
  signatures: 'Подписи специалистов, составивших акт:',
} as const;

function parentRows(p: HousingActParent | null): Array<readonly [string, string]> {
  const F = HOUSING_ACT_FORM;
  return [
    [F.lastName, p?.lastName ?? ''],
    [F.firstName, p?.firstName ?? ''],
    [F.middleName, p?.middleName ?? ''],
    [F.birthDate, printedDate(p?.birthDate)],
    [F.workplace, p?.workplace ?? ''],
    [F.position, p?.position ?? ''],
  ];
}

/** The act as the inspectors sign it; an inspection recorded without the form's fields prints what it has. */
export function housingActDocument(row: HousingInspectionEntity): { fileName: string; spec: DocumentSpec } {
  const F = HOUSING_ACT_FORM;
  const act = row.act;
  return {
    fileName: `Акт_ЖБУ_${row.actNumber}`,
    spec: {
      form: F.form,
      title: F.title,
      subtitle: `№ ${row.actNumber} от ${printedDate(row.inspectedOn)}`,
      blocks: [
        { kind: 'fields', rows: [[F.familyName, act?.familyName ?? '']] },
        { kind: 'heading', text: F.father },
        { kind: 'fields', rows: parentRows(act?.father ?? null) },
        { kind: 'heading', text: F.mother },
        {
          kind: 'fields',
          rows: [
            ...parentRows(act?.mother ?? null),
            [F.address, act?.address ?? ''],
            [F.phone, act?.phone ?? ''],
            [F.members, act ? String(act.memberCount) : ''],
            [F.minors, act ? String(act.minorCount) : ''],
          ],
        },
        { kind: 'heading', text: F.conditions },
        { kind: 'paragraph', text: act?.livingConditions ?? '' },
        { kind: 'heading', text: F.problems },
        { kind: 'paragraph', text: act?.familyProblems ?? '' },
        { kind: 'heading', text: F.conclusion },
        { kind: 'paragraph', text: row.conclusion },
        { kind: 'heading', text: F.signatures },
      ],
      signatures: (act?.specialists.length ? act.specialists : [row.inspector]).map((name) => ({ caption: 'ФИО.', name, date: row.inspectedOn })),
    },
  };
}
