import { FieldResolver, Resolver, Root } from 'type-graphql';
import { printedDocument, PrintedDocument } from '../../common/export/printed-document.type';
import { HousingInspectionEntity } from '../entities/housing-inspection.entity';
import { housingActDocument } from '../services/housing-act.document';
import { HousingInspection } from '../types/guardianship.types';

/**
 * The act prints only what its inspection row holds; the row was reached through the child's
 * guardianship section (authorised and audited there) or returned to the guardianship body that wrote it.
 */
@Resolver(() => HousingInspection)
export class HousingActResolver {
  @FieldResolver(() => PrintedDocument, { description: 'Акт жилищно-бытовых условий семьи (Мясниковский район, приложение №1) для печати и подписи, DOCX' })
  actDocument(@Root() inspection: HousingInspection): Promise<PrintedDocument> {
    const { fileName, spec } = housingActDocument(inspection as unknown as HousingInspectionEntity);
    return printedDocument(fileName, spec);
  }
}
