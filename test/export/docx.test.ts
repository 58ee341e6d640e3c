import { toDocx } from '../../subgraphs/common/export';
import { readDocx } from './read-back';

describe('the DOCX of a paper form', () => {
  it('when a form is rendered, then its caption, title, fields, table and signature read back in order', async () => {
    const file = await toDocx({
      form: 'Приложение 2 к Порядку',
      header: ['УТВЕРЖДАЮ'],
      title: 'ЗАКЛЮЧЕНИЕ',
      blocks: [
        { kind: 'heading', text: '1. Общие сведения' },
        {
          kind: 'fields',
          rows: [
            ['Ф.И.О. несовершеннолетнего', 'Тестова Анна Ивановна'],
            ['Дата рождения', null],
          ],
        },
        { kind: 'table', headings: ['Степень родства', 'Ф.И.О.'], rows: [['мать', 'Тестова Ирина']] },
        { kind: 'paragraph', text: 'первая строка\nвторая строка' },
      ],
      signatures: [{ caption: 'Председатель комиссии', name: 'Проверкин П.П.', date: '01.12.2026' }],
    });
    const read = await readDocx(file);
    expect(read.paragraphs.filter((p) => p !== '')).toEqual([
      'Приложение 2 к Порядку',
      'УТВЕРЖДАЮ',
      'ЗАКЛЮЧЕНИЕ',
      '1. Общие сведения',
      'Ф.И.О. несовершеннолетнего',
      'Тестова Анна Ивановна',
      'Дата рождения',
      'Степень родства',
      'Ф.И.О.',
      'мать',
      'Тестова Ирина',
      'первая строка',
      'вторая строка',
      'Председатель комиссии',
      '_______________ / Проверкин П.П. /',
      '«01» декабря 2026 г.',
    ]);
    expect(read.hasFieldCodes).toBe(false);
    expect(read.files.some((f) => /vbaProject|macros/i.test(f))).toBe(false);
  });

  it('when a value carries control characters or formula triggers, then the file stays valid and the text is kept as typed', async () => {
    const file = await toDocx({
      title: 'АКТ',
      blocks: [
        {
          kind: 'fields',
          rows: [
            ['Фамилия', '=HYPERLINK("x")\u0001\u0007'],
            ['Имя', '@Анна\r\nвторая'],
          ],
        },
      ],
    });
    const read = await readDocx(file);
    expect(read.paragraphs).toEqual(expect.arrayContaining(['=HYPERLINK("x")', '@Анна', 'вторая']));
    expect(read.hasFieldCodes).toBe(false);
  });

  it('when the same document is rendered twice, then the bytes are the same', async () => {
    const spec = { title: 'ХОДАТАЙСТВО', blocks: [{ kind: 'paragraph' as const, text: 'Просим Вас рассмотреть вопрос' }] };
    const [a, b] = [await toDocx(spec), await toDocx(spec)];
    expect(a.equals(b)).toBe(true);
  });
});
