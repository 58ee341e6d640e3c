import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A person known to the hub (child or adult). The hub's UUID is the identity agencies share. */
@Entity({ name: 'person' })
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** 11 digits, no separators; unique when present. */
  @Column({ type: 'text', nullable: true })
  snils: string | null;

  @Column({ name: 'last_name', type: 'text' })
  lastName: string;

  @Column({ name: 'first_name', type: 'text' })
  firstName: string;

  @Column({ name: 'middle_name', type: 'text', nullable: true })
  middleName: string | null;

  /** Normalised full name (lower case, ё as е, single spaces) for matching people without SNILS. */
  @Column({ name: 'name_key', type: 'text' })
  nameKey: string;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ type: 'text' })
  sex: string;

  @Column({ name: 'registered_address', type: 'text', nullable: true })
  registeredAddress: string | null;

  @Column({ name: 'actual_address', type: 'text', nullable: true })
  actualAddress: string | null;

  /** OKTMO of the municipality responsible for the person (territory checks). */
  @Column({ type: 'text' })
  municipality: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
