/**
 * Runs `task` once it has succeeded, and again on the next call after it failed: an index creation
 * that failed while MongoDB was away is retried, never remembered as done (or as failed for good).
 */
export function untilDone(task: () => Promise<unknown>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= task().then(
      () => undefined,
      (error: unknown) => {
        done = undefined;
        throw error;
      },
    );
    return done;
  };
}
