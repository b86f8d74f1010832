import { newId, type CommandContext } from '@pact/application';

/** Commands run from the CLI act as the operator at the console. */
export function cliContext(now = new Date()): CommandContext {
  const commandId = newId();
  return {
    commandId,
    actor: { keyId: 'cli', role: 'admin' },
    correlationId: commandId,
    causationId: commandId,
    now,
  };
}

export function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
