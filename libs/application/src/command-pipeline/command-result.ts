/** What every command answers: the stream's new revision and the global position of its last event. */
export interface CommandResult {
  readonly revision: number;
  readonly position: string;
}

/** The result of a command from what its append wrote. */
export function written(result: { revision: number; position: bigint }): CommandResult {
  return { revision: result.revision, position: String(result.position) };
}
