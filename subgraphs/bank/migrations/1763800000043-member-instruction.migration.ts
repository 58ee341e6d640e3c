import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Krasnoyarsk low-risk route (seed 001, III, 2): the chair instructs a commission member to
 * work with the family, with no resolution. The instruction (who, what, by when, given by whom)
 * is kept on the case, which is then in the state MEMBER_INSTRUCTED; the step is in the case history.
 */
export class MemberInstruction1763800000043 implements MigrationInterface {
  name = 'MemberInstruction1763800000043';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE kdn_case ADD COLUMN instruction jsonb`);
    await q.query(`ALTER TABLE kdn_case DROP CONSTRAINT kdn_case_state_check`);
    await q.query(
      `ALTER TABLE kdn_case ADD CONSTRAINT kdn_case_state_check CHECK (state IN ('REGISTERED', 'CHECKING', 'CONCLUDED', 'IN_WORK', 'PROGRAMME_APPROVED', 'CLOSED', 'ANNULLED', 'MERGED', 'MEMBER_INSTRUCTED'))`,
    );
    await q.query(`ALTER TABLE kdn_case ADD CONSTRAINT kdn_case_instruction_state CHECK (state <> 'MEMBER_INSTRUCTED' OR instruction IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE kdn_case DROP CONSTRAINT kdn_case_instruction_state`);
    await q.query(`ALTER TABLE kdn_case DROP CONSTRAINT kdn_case_state_check`);
    await q.query(`ALTER TABLE kdn_case ADD CONSTRAINT kdn_case_state_check CHECK (state IN ('REGISTERED', 'CHECKING', 'CONCLUDED', 'IN_WORK', 'PROGRAMME_APPROVED', 'CLOSED', 'ANNULLED', 'MERGED'))`);
    await q.query(`ALTER TABLE kdn_case DROP COLUMN instruction`);
  }
}
