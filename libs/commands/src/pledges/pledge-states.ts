import { StreamStates } from '@pact/application';
import type { PledgeState } from '@pact/domain';
import { Injectable } from '@nestjs/common';

/**
 * How many pledges' states the commands keep between them: a few kilobytes each, so tens of
 * megabytes at most, and a pledge acted on less recently than this many others is read whole again.
 */
export const PLEDGE_STATES_KEPT = 5_000;

/**
 * The pledges' states as the last command or read of a current pledge in this process left them:
 * the next command or read of a pledge reads only the events appended to it since (by any process)
 * instead of its whole history.
 */
@Injectable()
export class PledgeStates extends StreamStates<PledgeState> {
  constructor() {
    super(PLEDGE_STATES_KEPT);
  }
}
