import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Role } from '../../../../auth/principal';
import { printedDocument, PrintedDocument } from '../../../common/export/printed-document.type';
import { BankContext } from '../../bank.context';
import { caseForCaller } from '../../cases/resolvers/kdn-case.resolver';
import { CaseRecordRow } from '../../cases/services/case-record.service';
import { ProgrammeRowRecord } from '../../cases/services/programme.service';
import { KdnCase } from '../../cases/types/kdn-case.types';
import { CaseRecord } from '../../cases/types/programme.types';
import { isLead, isSupporting, teamOf } from '../../cases/workflow/case-records';
import { informationMessageDocument, patronageSheetDocument } from '../services/case-record.document';
import { conclusionDocument } from '../services/conclusion.document';
import { familyOfChild, programmeApprovedOn, toDocumentPerson } from '../services/document-data.service';
import { programmeDocument } from '../services/programme.document';

const KDN_ROLES: readonly Role[] = ['kdn_chair', 'kdn_secretary', 'kdn_member'];

/**
 * The paper forms of a case, printed from what the case holds. Each field starts with the case's
 * own access rule (caseForCaller: the caller may see the child, audited), so a document never
 * leaves to someone who could not open the case; the programme prints only the rows the caller
 * may read on the case itself.
 */
@Resolver(() => KdnCase)
export class CaseDocumentsResolver {
  @FieldResolver(() => PrintedDocument, {
    nullable: true,
    description: 'Заключение по результатам проверки (форма региона: Приморский край, приложение 2; Марий Эл, приложение № 2), DOCX; пусто, пока заключения нет',
  })
  async conclusionDocument(@Root() root: KdnCase, @Ctx() ctx: BankContext): Promise<PrintedDocument | null> {
    const kase = await caseForCaller(ctx, root.id);
    if (!kase.conclusion) return null;
    const child = (await ctx.loaders.personById.load(kase.childId))!;
    const { fileName, spec } = conclusionDocument({ kase, child: toDocumentPerson(child, 'CHILD'), family: await familyOfChild(ctx.loaders, child) });
    return printedDocument(fileName, spec);
  }

  @FieldResolver(() => PrintedDocument, {
    nullable: true,
    description: 'Индивидуальная программа реабилитации (Мясниковский район, приложение №3; Марий Эл, приложение № 4) с отметкой об утверждении, DOCX; пусто до постановления о работе с семьёй',
  })
  async programmeDocument(@Root() root: KdnCase, @Ctx() ctx: BankContext): Promise<PrintedDocument | null> {
    const kase = await caseForCaller(ctx, root.id);
    if (!kase.resolution || kase.resolution.kind === 'NO_INTERAGENCY_WORK') return null;
    const { principal } = ctx;
    const team = teamOf(kase);
    const whole = principal.roles.some((r) => KDN_ROLES.includes(r)) || (team.curator !== null && team.curator === principal.username) || isLead(principal, team) || isSupporting(principal, team);
    const rows = (await ctx.loaders.programmeByCase.load(kase.id)).filter((row) => whole || row.executorOrganisation === principal.organisation?.id);
    // The records as ProgrammeResolver.records shows them: the team reads all, another agency its own.
    const records = (await ctx.loaders.recordsByCase.load(kase.id)).filter((r) => whole || r.agency === principal.agency);
    const child = (await ctx.loaders.personById.load(kase.childId))!;
    const { fileName, spec } = programmeDocument({ kase, family: await familyOfChild(ctx.loaders, child), rows, records, approvedOn: await programmeApprovedOn(ctx.dataSource, kase.id) });
    return printedDocument(fileName, spec);
  }
}

@Resolver(() => CaseRecord)
export class CaseRecordDocumentResolver {
  @FieldResolver(() => PrintedDocument, {
    nullable: true,
    description: 'Документ записи, DOCX: информационное сообщение (Приморский край, приложение 3), патронажный лист (Мясниковский район, приложение №5); для иных видов пусто',
  })
  async document(@Root() record: CaseRecord, @Ctx() ctx: BankContext): Promise<PrintedDocument | null> {
    if (record.kind !== 'INFORMATION_MESSAGE' && record.kind !== 'PATRONAGE_SHEET') return null;
    const row = record as unknown as CaseRecordRow;
    const kase = await caseForCaller(ctx, row.caseId);
    const [stored] = (await ctx.dataSource.query(`SELECT organisation_id AS "organisationId" FROM case_record WHERE id = $1`, [row.id])) as Array<{ organisationId: string | null }>;
    const child = (await ctx.loaders.personById.load(kase.childId))!;
    const input = {
      caseNumber: kase.number,
      record: { ...row, details: row.details ?? {}, organisationId: stored?.organisationId ?? null },
      family: await familyOfChild(ctx.loaders, child),
      rows: record.kind === 'PATRONAGE_SHEET' ? ((await ctx.loaders.programmeByCase.load(kase.id)) as ProgrammeRowRecord[]) : [],
    };
    const { fileName, spec } = record.kind === 'INFORMATION_MESSAGE' ? informationMessageDocument(input) : patronageSheetDocument(input);
    return printedDocument(fileName, spec);
  }
}
