import type { Actor } from '@pact/event-store';

/** What a command carries besides its data: who, through which request, and since when. */
export interface CommandContext {
  /** Event ids derive from it, so an append retried with the same command is recognised. */
  readonly commandId: string;
  readonly actor: Actor;
  readonly correlationId: string;
  /** The event or command that caused this one; the command itself when it came from a request. */
  readonly causationId: string;
  readonly idempotencyKey?: string;
  /** From the client's If-Match: the revision the stream must be at. */
  readonly expectedRevision?: number;
  readonly now: Date;
}

/** A command context whose actor is not known yet: an anonymous caller, acting as what it creates. */
export type OpenCommandContext = Omit<CommandContext, 'actor'> & { readonly actor?: Actor };
