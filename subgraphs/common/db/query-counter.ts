import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';

/**
 * Counts every SQL statement a data source sends. Tests read it to prove that a request costs
 * a fixed number of statements whatever the number of rows (DataLoader batching), and the
 * metrics endpoint of a later issue can export it. It never prints the SQL: parameters hold
 * personal data.
 */
export class QueryCounter extends AbstractLogger {
  private count = 0;

  get total(): number {
    return this.count;
  }

  override logQuery(): void {
    this.count++;
  }

  protected writeLog(_level: LogLevel, _message: LogMessage | LogMessage[], _queryRunner?: QueryRunner): void {
    // Deliberately silent: see the class comment.
  }
}
