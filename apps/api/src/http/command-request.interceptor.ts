import {
  CLOCK,
  deriveId,
  newId,
  type Clock,
  type CommandContext,
  type OpenCommandContext,
} from '@pact/application';
import { canonicalJson } from '@pact/event-store';
import { IdempotencyStore, type StoredResponse } from '@pact/infrastructure';
import {
  HttpStatus,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { toActor } from '../auth/principal';
import { invalidInput, onTheWire, problem, ProblemException, toProblem } from './problem';

/** What every command request carries before a handler gives it an actor. */
export interface CommandRequest {
  readonly commandId: string;
  readonly correlationId: string;
  readonly idempotencyKey?: string;
  readonly expectedRevision?: number;
  readonly now: Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    command?: CommandRequest;
  }
}

/** A stored response replayed for a repeated Idempotency-Key; the problem filter sends it as it was. */
export class IdempotentReplay extends Error {
  constructor(readonly response: StoredResponse) {
    super('idempotent replay');
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const REPLAYED_HEADERS = ['location', 'etag'];

/** Builds the command context of a write request and applies Idempotency-Key semantics. */
@Injectable()
export class CommandRequestInterceptor implements NestInterceptor {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly idempotency: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!WRITE_METHODS.has(request.method)) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = idempotencyKey(request);
    const principalId = request.principal?.kind === 'key' ? request.principal.keyId : 'anonymous';
    const now = this.clock.now();
    request.command = {
      commandId: key === undefined ? newId() : deriveId('command', principalId, key),
      correlationId: request.correlationId ?? newId(),
      expectedRevision: parseIfMatch(request.headers['if-match']),
      now,
      ...(key === undefined ? {} : { idempotencyKey: key }),
    };
    if (key === undefined) return next.handle();

    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\n${canonicalJson(request.body ?? {})}`)
      .digest('hex');
    return from(this.idempotency.claim(principalId, key, fingerprint, now)).pipe(
      mergeMap((claim) => {
        if (claim.kind === 'mismatch') {
          throw new ProblemException(
            problem(422, 'This Idempotency-Key was used with a different request'),
          );
        }
        if (claim.kind === 'in-progress') {
          throw new ProblemException(
            problem(409, 'A request with this Idempotency-Key is still in progress'),
          );
        }
        if (claim.kind === 'replay') throw new IdempotentReplay(claim.response);
        return this.recorded(context, reply, next, principalId, key);
      }),
    );
  }

  /** Runs the command and keeps its answer (a success or a refusal) for the key's repeats. */
  private recorded(
    context: ExecutionContext,
    reply: FastifyReply,
    next: CallHandler,
    principalId: string,
    key: string,
  ): Observable<unknown> {
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      HttpStatus.CREATED;
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const headers = Object.fromEntries(
          REPLAYED_HEADERS.flatMap((name) => {
            const value = reply.getHeader(name);
            return value === undefined ? [] : [[name, String(value)]];
          }),
        );
        await this.idempotency.complete(principalId, key, { status, body: body ?? null, headers });
        return body;
      }),
      catchError((error: unknown) => {
        const { problem: details, headers } = toProblem(error);
        const settled = keptForRepeats(details.status)
          ? this.idempotency.complete(principalId, key, {
              status: details.status,
              body: onTheWire(details),
              headers,
            })
          : this.idempotency.release(principalId, key);
        return from(settled.then(() => Promise.reject(error as Error)));
      }),
    );
  }
}

/**
 * Whether a refusal is kept for the key's repeats. A server failure is not (a repeat runs again), and
 * neither is a 412: revisions only grow, so an identical repeat is refused again anyway, and a retry
 * that corrects its If-Match after re-reading the resource is carried out rather than told its stale
 * answer.
 */
function keptForRepeats(status: number): boolean {
  return status < 500 && status !== 412;
}

/** The command context for a request, acting as the caller's key when there is one. */
export function openCommandContext(request: FastifyRequest): OpenCommandContext {
  const command = request.command;
  if (!command) throw new Error('No command context: the route is not a write route');
  const principal = request.principal;
  return {
    ...command,
    causationId: command.commandId,
    ...(principal?.kind === 'key' ? { actor: toActor(principal) } : {}),
  };
}

/** The command context for a request of an authenticated caller. */
export function commandContext(request: FastifyRequest): CommandContext {
  const { actor, ...context } = openCommandContext(request);
  if (!actor) throw new Error('This command needs an authenticated caller');
  return { ...context, actor };
}

function idempotencyKey(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length < 1 || value.length > 200) {
    throw invalidInput('Idempotency-Key must be 1 to 200 characters');
  }
  return value;
}

/** `"3"`, `W/"3"` or `3`; `*` asks for no particular revision. */
export function parseIfMatch(value: string | string[] | undefined): number | undefined {
  if (value === undefined || value === '*') return undefined;
  const match = typeof value === 'string' ? /^(?:W\/)?"?(\d{1,15})"?$/.exec(value.trim()) : null;
  if (!match) throw invalidInput('If-Match must be a revision in quotes, such as "3"');
  return Number(match[1]);
}
