import { deriveId, type CommandContext, type OpenCommandContext } from '@pact/application';
import { canonicalJson } from '@pact/event-store';
import { IdempotencyStore } from '@pact/infrastructure';
import { Injectable } from '@nestjs/common';
import { CommandBus, type Command } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { createHash, randomUUID } from 'node:crypto';
import { commandContext, openCommandContext } from '../../http/command-request.interceptor';
import { problem, ProblemException, toProblem, type Problem } from '../../http/problem';
import { field } from './form';
import { pageRefusal } from './page-errors';

/** A fresh id for a form as rendered: submitting it twice (a double click, a reload) runs it once. */
export const newSubmissionId = () => randomUUID();

/**
 * Whether a form's refusal answers its submission id's repeats. What the command decided (404, 409)
 * does. A form refused as invalid (400) keeps nothing, so the same form, corrected, goes through:
 * the back button re-sends the submission id the browser kept. Nor does a failure on the server's
 * side (5xx): a repeat runs again. (The API keeps a 400 for its key, as api.md reads, and no 412,
 * which forms never meet as they send no If-Match; a form's submission id is the pages' own.)
 */
const keptForRepeats = (status: number) => status !== 400 && status < 500;

/**
 * Sends a form's command through the same CommandBus and handlers as the API, acting as the signed-in
 * key with the request's correlation id. The form's submission id is its Idempotency-Key: a repeat
 * replays the first outcome, exactly as a repeated API request does.
 */
@Injectable()
export class PageCommands {
  constructor(
    private readonly commands: CommandBus,
    private readonly idempotency: IdempotencyStore,
  ) {}

  submit<R>(request: FastifyRequest, command: (context: CommandContext) => Command<R>): Promise<R> {
    return this.once(request, commandContext(request), (context) =>
      this.commands.execute(command(context)),
    );
  }

  /** For a visitor who is not signed in (registration): the command acts as what it creates. */
  submitAnonymous<R>(
    request: FastifyRequest,
    command: (context: OpenCommandContext) => Command<R>,
  ): Promise<R> {
    return this.once(request, openCommandContext(request), (context) =>
      this.commands.execute(command(context)),
    );
  }

  private async once<C extends OpenCommandContext, R>(
    request: FastifyRequest,
    base: C,
    work: (context: C) => Promise<R>,
  ): Promise<R> {
    const submission = field(request.body, '_submission');
    if (!/^[\w-]{16,64}$/.test(submission)) return work(base);
    const principal = base.actor?.keyId ?? 'anonymous';
    const key = `form:${submission}`;
    const commandId = deriveId('command', principal, key);
    const context: C = { ...base, commandId, causationId: commandId, idempotencyKey: key };
    const { _csrf: _token, _submission: _id, ...fields } = request.body as Record<string, unknown>;
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url.split('?')[0]}\n${canonicalJson(fields)}`)
      .digest('hex');
    const claim = await this.idempotency.claim(principal, key, fingerprint, context.now);
    if (claim.kind === 'mismatch')
      throw new ProblemException(problem(422, 'This form was already submitted with other values'));
    if (claim.kind === 'in-progress')
      throw pageRefusal(409, 'This form is still being processed', 'form-pending');
    if (claim.kind === 'replay') {
      if (claim.response.status >= 400) throw new ProblemException(claim.response.body as Problem);
      return claim.response.body as R;
    }
    try {
      const result = await work(context);
      await this.idempotency.complete(principal, key, { status: 200, body: result, headers: {} });
      return result;
    } catch (error) {
      const { problem: refused } = toProblem(error);
      await (keptForRepeats(refused.status)
        ? this.idempotency.complete(principal, key, {
            status: refused.status,
            body: refused,
            headers: {},
          })
        : this.idempotency.release(principal, key));
      throw error;
    }
  }
}
