import { ACTION_STATUSES, MAX_ACTIONS_PER_COMMITMENT, type ActionStatus } from '@pact/domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { Nested } from '../http/nested';

export class ActionDto {
  @IsString() @Length(1, 2000) description!: string;
  @IsString() @IsIn(ACTION_STATUSES) status!: ActionStatus;
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'targetDate must be an ISO date (YYYY-MM-DD)' })
  targetDate!: string;
}

export class CommitmentDto {
  @IsString() @Length(1, 100) code!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ACTIONS_PER_COMMITMENT)
  @Nested(() => ActionDto, { each: true })
  actions!: ActionDto[];
}
