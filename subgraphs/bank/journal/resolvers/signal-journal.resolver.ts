import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { requireAudited } from '../../../../auth/access/decide';
import { inputError } from '../../../common/errors';
import * as v from '../../../common/validation';
import { LocalDate } from '../../../../schema/scalars';
import { BankContext } from '../../bank.context';
import { SIGNAL_JOURNAL_TITLES, signalJournalCsv, signalJournalForm, signalJournalXlsx } from '../services/signal-journal.columns';
import { SignalJournalService } from '../services/signal-journal.service';
import { SignalJournal } from '../types/signal-journal.types';

/** A period longer than this is an archive request, not a journal to print. */
const MAX_PERIOD_DAYS = 366;

@Resolver()
export class SignalJournalResolver {
  @Query(() => SignalJournal, {
    description: 'Журнал сигналов КДН муниципального образования за период, по форме его региона (Марий Эл — приложение № 1, иначе Приморский край, приложение 1), с CSV и XLSX; читает КДН территории',
  })
  async signalJournal(
    @Arg('municipality', () => String, { description: 'ОКТМО муниципального образования' }) municipality: string,
    @Arg('from', () => LocalDate) from: string,
    @Arg('to', () => LocalDate) to: string,
    @Ctx() ctx: BankContext,
  ): Promise<SignalJournal> {
    const territory = v.oktmo('municipality', municipality);
    const subject = { municipality: territory, participants: [] };
    // The commission's own journal (as its monitoring report), and it names children: both rules must allow.
    requireAudited(ctx, 'report:read', { subject });
    requireAudited(ctx, 'identity:read', { subject });
    const start = v.date('from', from);
    const end = v.date('to', to);
    if (end < start) throw inputError('to', to, 'period.order', 'конец периода раньше начала');
    if ((Date.parse(end) - Date.parse(start)) / 86_400_000 > MAX_PERIOD_DAYS) throw inputError('to', to, 'period.max', `период журнала не длиннее ${MAX_PERIOD_DAYS} дней`);
    const lines = await new SignalJournalService(ctx.dataSource).lines(ctx.loaders, territory, start, end);
    // Every child and parent the journal names is read: audited before the answer leaves, as the case lists do.
    for (const line of lines) {
      ctx.audit.subject('Child', line.childId);
      for (const id of line.parentIds) ctx.audit.subject('Person', id);
    }
    const form = signalJournalForm(territory);
    return {
      municipality: territory,
      from: start,
      to: end,
      form,
      title: SIGNAL_JOURNAL_TITLES[form].title,
      rows: lines,
      csv: signalJournalCsv(form, lines),
      xlsxBase64: (await signalJournalXlsx(form, lines)).toString('base64'),
    };
  }
}
