import { Field, ID, Int, ObjectType } from 'type-graphql';
import type {
  TaskAction as TaskActionValue,
  TaskMode as TaskModeValue,
  TaskStatus as TaskStatusValue,
  VerificationStatus as VerificationStatusValue,
} from '../../domain/request-statuses';
import type { TaskSystem } from '../../requests/request.types';
import { SourceSystem, TaskAction, TaskMode, TaskStatus, VerificationStatus } from '../enums';

@ObjectType({ description: 'Who confirmed a MANUAL task, what they noted, and when.' })
export class ManualConfirmation {
  @Field({ description: 'Audit label of the confirmer.' })
  actor!: string;

  @Field()
  note!: string;

  @Field()
  at!: Date;
}

@ObjectType({ description: 'One action of a privacy request in one system.' })
export class PrivacyTask {
  @Field(() => ID)
  id!: string;

  @Field(() => SourceSystem, {
    nullable: true,
    description: 'LOCAL for the gateway store; null for a processor without a connected system.',
  })
  system!: TaskSystem | null;

  @Field(() => String, { nullable: true, description: "The register's processor key (e.g. PEDOWITZ_GROUP); null for LOCAL." })
  processor!: string | null;

  @Field(() => TaskAction)
  action!: TaskActionValue;

  @Field(() => TaskMode)
  mode!: TaskModeValue;

  @Field(() => TaskStatus)
  status!: TaskStatusValue;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Date, { nullable: true, description: 'When a pending or retrying task may run next.' })
  nextAttemptAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Error class and vendor code of the last failure.' })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'What was done, or for a MANUAL task what a person must do and where.' })
  detail!: string | null;

  @Field(() => Int, { nullable: true, description: 'Records the write affected, when the vendor said.' })
  affected!: number | null;

  @Field(() => ManualConfirmation, { nullable: true })
  confirmation!: ManualConfirmation | null;

  @Field(() => VerificationStatus, {
    nullable: true,
    description: 'What re-reading the system after the task was done showed; null until checked (and for tasks nothing re-reads).',
  })
  verification!: VerificationStatusValue | null;

  @Field(() => Date, { nullable: true, description: 'When a re-read proved nothing (or only the corrected values) remains.' })
  verifiedAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'What a re-read found left, or why the system cannot be read back (names no person).',
  })
  verificationDetail!: string | null;
}
