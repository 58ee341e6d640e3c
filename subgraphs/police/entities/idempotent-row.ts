import { Column, CreateDateColumn } from 'typeorm';

/**
 * Columns every created police record carries: who sent it and under which idempotency key,
 * so a retried request finds the row it already created (unique on client_id, idempotency_key).
 */
export abstract class IdempotentRow {
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
