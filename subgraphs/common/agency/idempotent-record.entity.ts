import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * Columns every record created through `insertOnce` carries: its id, the child, who sent it and
 * the idempotency pair the sending system chose (unique on client_id, idempotency_key), so a
 * retried request finds the row it already created. Abstract and without @Entity, so each
 * subclass keeps its own table (TypeORM copies the columns into it).
 *
 * This base is for append-only tables without `updated_at`; tables that have one extend
 * `IdempotentRecord` below.
 */
export abstract class IdempotentRecordBase {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  @Column({ name: 'client_id', type: 'text' })
  clientId: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey: string;

  @Column({ name: 'request_hash', type: 'text' })
  requestHash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** An idempotently created record whose table also has `updated_at` (it may be changed later). */
export abstract class IdempotentRecord extends IdempotentRecordBase {
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
