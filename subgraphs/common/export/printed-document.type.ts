import { Directive, Field, ObjectType } from 'type-graphql';
import { DocumentSpec, toDocx } from './docx';

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * A paper form filled from the hub's data, as a file the person downloads, prints and signs.
 * A value type several subgraphs return (the bank's case documents, guardianship's act):
 * identical everywhere, hence @shareable.
 */
@Directive('@shareable')
@ObjectType({ description: 'Документ для печати и подписи (DOCX): форма из приложения к порядку, заполненная сведениями хаба' })
export class PrintedDocument {
  @Field({ description: 'Имя файла' })
  fileName: string;

  @Field({ description: 'Тип содержимого (MIME)' })
  contentType: string;

  @Field({ description: 'Содержимое файла в base64' })
  base64: string;
}

/** The form rendered as DOCX; the file name carries no personal data, only the form and a number. */
export async function printedDocument(fileName: string, spec: DocumentSpec): Promise<PrintedDocument> {
  const file = await toDocx(spec);
  return { fileName: `${fileName.replace(/[^\p{L}\p{N}._-]+/gu, '_')}.docx`, contentType: DOCX_CONTENT_TYPE, base64: file.toString('base64') };
}
