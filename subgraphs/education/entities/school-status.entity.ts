import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The school's current picture of a pupil for one academic year (one row per child and year). */
@Entity({ name: 'school_status' })
export class SchoolStatusEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'child_id', type: 'uuid' })
  childId: string;

  @Column({ name: 'academic_year', type: 'text' })
  academicYear: string;

  @Column({ name: 'school_name', type: 'text' })
  schoolName: string;

  @Column({ name: 'class_name', type: 'text' })
  className: string;

  @Column({ name: 'unexcused_absences', type: 'int' })
  unexcusedAbsences: number;

  @Column({ name: 'failing_grades', type: 'int' })
  failingGrades: number;

  /** Внутришкольный учёт. */
  @Column({ name: 'internal_register', type: 'boolean' })
  internalRegister: boolean;

  @Column({ name: 'internal_register_since', type: 'date', nullable: true })
  internalRegisterSince: string | null;

  @Column({ name: 'internal_register_reason', type: 'text', nullable: true })
  internalRegisterReason: string | null;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
