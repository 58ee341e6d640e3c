import { GraphQLError } from 'graphql';
import type {
  BeforeQueryEvent,
  EntityMetadata,
  EntitySubscriberInterface,
  InsertEvent,
  ObjectLiteral,
  QueryRunner,
  RemoveEvent,
  SoftRemoveEvent,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  UpdateEvent,
} from 'typeorm';
import { AuditCollector, AuditSubject, buildAuditEntry } from './audit-entry';
import { namedSubjects } from './audit-plugin';
import { canonicalJson } from './canonical-json';
import { WriteLedger } from './write-ledger';
import { subjectsOfRow, writtenTable } from './written-rows';

export interface WriteAuditOptions {
  service: string;
  pseudonymKey: string;
  /** The ledger of the request the current code runs for (see createLedgerScope). */
  ledger: () => WriteLedger | undefined;
  /** Why an append failed, for the operators: the caller only learns that the log is unavailable. */
  onFailure?: (error: unknown) => void;
}

interface Pending {
  tables: Set<string>;
  subjects: AuditSubject[];
  /** Chain positions of this transaction's write entry, known once appended, counted once committed. */
  positions: number[];
}

/**
 * The entry of a write goes into the write's own transaction: appended by audit.append() on the
 * same connection right before COMMIT, so a write whose entry cannot be written rolls back and
 * a committed write always has its entry. Only transactions of a GraphQL request (a ledger with
 * a verified caller) are audited here; the sync workers write their own entries.
 *
 * Lock order: audit.append() takes the chain's advisory lock, which is held until COMMIT. It is
 * always the last lock a transaction takes (nothing runs between the append and COMMIT), and the
 * group-commit writer holds nothing else, so no holder of the chain lock ever waits for another
 * lock and no cycle can form. The cost: every write's COMMIT is serialised on the chain.
 * Write transactions stay READ COMMITTED: under REPEATABLE READ append() would read a stale head,
 * its insert would collide, and the write would roll back (closed, never silent).
 */
export class WriteAuditSubscriber implements EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, Pending>();

  constructor(private readonly options: WriteAuditOptions) {}

  /**
   * A write outside a transaction would commit on its own, before any entry: refused during a
   * request, so a service that forgets `dataSource.transaction()` fails in its first test.
   */
  beforeQuery(event: BeforeQueryEvent): void {
    if (!this.requestLedger()) return;
    const table = writtenTable(event.query);
    if (table === null) return;
    if (!event.queryRunner.isTransactionActive) {
      throw new Error(`${this.options.service}: a write to ${table} outside a transaction cannot be audited with it; use dataSource.transaction()`);
    }
    this.stateOf(event.queryRunner).tables.add(table);
  }

  afterInsert(event: InsertEvent<ObjectLiteral>): void {
    this.noteRows(event.queryRunner, event.metadata, event.entity);
  }

  afterUpdate(event: UpdateEvent<ObjectLiteral>): void {
    this.noteRows(event.queryRunner, event.metadata, event.entity as ObjectLiteral | undefined, event.databaseEntity);
  }

  afterRemove(event: RemoveEvent<ObjectLiteral>): void {
    this.noteRows(event.queryRunner, event.metadata, event.entity, event.databaseEntity);
  }

  afterSoftRemove(event: SoftRemoveEvent<ObjectLiteral>): void {
    this.noteRows(event.queryRunner, event.metadata, event.entity, event.databaseEntity);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const ledger = this.requestLedger();
    // A savepoint's release is not a commit: the outermost COMMIT speaks for everything inside it.
    if (!ledger?.context || !isOutermost(event.queryRunner)) return;
    const state = this.stateOf(event.queryRunner);
    const entry = canonicalJson(this.writeEntry(ledger, state));
    let rows: Array<{ positions: Array<string | number> }>;
    try {
      // A transaction that changed nothing (a replay, a read in a transaction) has no xid: no entry for it.
      rows = await event.queryRunner.query(`SELECT audit.append(ARRAY[$1::text]) AS positions WHERE pg_current_xact_id_if_assigned() IS NOT NULL`, [entry]);
    } catch (error) {
      this.options.onFailure?.(error);
      // The transaction rolls back on this error; a read in a transaction (no table written) had nothing to lose.
      const wrote = state.tables.size > 0 || state.subjects.length > 0;
      throw new GraphQLError(wrote ? 'Журнал доступа недоступен: изменение не сохранено' : 'Журнал доступа недоступен: ответ не выдан', {
        extensions: { code: 'AUDIT_UNAVAILABLE', service: this.options.service, committed: false },
      });
    }
    state.positions = rows.length ? rows[0].positions.map(Number) : [];
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.isTransactionActive) return;
    const state = this.pending.get(event.queryRunner);
    this.pending.delete(event.queryRunner);
    // Counted only now: COMMIT itself may still fail, and then nothing was stored.
    if (state?.positions.length) this.requestLedger()?.committed.push(...state.positions);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pending.delete(event.queryRunner);
  }

  private writeEntry(ledger: WriteLedger, state: Pending): Record<string, unknown> {
    const context = ledger.context!;
    const collected = context.audit.snapshot();
    // A copy: the request's own collector stays what the answer touched, for the response entry.
    const subjects = new AuditCollector();
    for (const s of [...collected.subjects, ...state.subjects]) subjects.subject(s.kind, s.id);
    namedSubjects(ledger.operation?.variables, subjects);
    return buildAuditEntry({
      service: this.options.service,
      principal: context.principal,
      meta: context.meta,
      operationName: ledger.operation?.name ?? null,
      document: ledger.operation?.document ?? '',
      collected: { ...collected, subjects: subjects.snapshot().subjects },
      fields: [],
      categories: [],
      errorCodes: [],
      pseudonymKey: this.options.pseudonymKey,
      kind: 'write',
      written: [...state.tables].sort(),
    });
  }

  private noteRows(queryRunner: QueryRunner | undefined, metadata: EntityMetadata, ...rows: Array<ObjectLiteral | undefined | null>): void {
    if (!queryRunner?.isTransactionActive || !this.requestLedger()) return;
    const state = this.stateOf(queryRunner);
    for (const row of rows) state.subjects.push(...subjectsOfRow(metadata, row));
  }

  private stateOf(queryRunner: QueryRunner): Pending {
    let state = this.pending.get(queryRunner);
    if (!state) {
      state = { tables: new Set(), subjects: [], positions: [] };
      this.pending.set(queryRunner, state);
    }
    return state;
  }

  private requestLedger(): WriteLedger | undefined {
    const ledger = this.options.ledger();
    return ledger?.context ? ledger : undefined;
  }
}

/** TypeORM counts nesting in a protected field: 1 is the real transaction, more are savepoints. */
function isOutermost(queryRunner: QueryRunner): boolean {
  const depth = (queryRunner as unknown as { transactionDepth?: number }).transactionDepth;
  return depth === undefined || depth <= 1;
}
