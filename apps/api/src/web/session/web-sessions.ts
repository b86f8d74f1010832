import { CLOCK, type Clock } from '@pact/application';
import { ApiKeyStore, SecretBox, type ApiRole } from '@pact/infrastructure';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyPrincipal } from '../../auth/principal';
import { clearCookie, readCookies, setCookie } from '../kit/cookies';

/** A signed-in visitor: the key's id and role (never the key), and the session's CSRF token. */
export interface WebSession {
  readonly sid: string;
  readonly keyId: string;
  readonly role: ApiRole;
  readonly organisationId?: string;
  readonly csrf: string;
  /** Epoch milliseconds of the last request. */
  readonly seenAt: number;
}

export const SESSION_COOKIE = 'pact_session';
/** The CSRF token of a visitor who is not signed in (the sign-in form needs one too). */
export const VISITOR_COOKIE = 'pact_visitor';
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** A session's cookie is re-sealed (its idle clock restarted) at most this often. */
const TOUCH_EVERY_MS = 60 * 1000;

/**
 * Sessions live in a sealed cookie (AES-256-GCM under a key derived from the master secret), so any
 * api replica can read them. Each request checks the key is still active, so revocation and expiry
 * end the session at once; sign-out ends it here and in the browser.
 */
@Injectable()
export class WebSessions {
  private readonly box: SecretBox;
  /** Sessions signed out in this process, kept until they would have idled out anyway. */
  private readonly ended = new Map<string, number>();

  constructor(
    secrets: SecretBox,
    private readonly keys: ApiKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.box = new SecretBox(secrets.derive('web-session'));
  }

  /** The request's live session, or undefined (none, tampered, idle, signed out, key revoked). */
  async open(request: FastifyRequest, reply: FastifyReply): Promise<WebSession | undefined> {
    const sealed = readCookies(request)[SESSION_COOKIE];
    if (!sealed) return undefined;
    const session = this.unseal(sealed);
    const now = this.clock.now().getTime();
    if (!session || now - session.seenAt > SESSION_IDLE_MS || this.ended.has(session.sid)) {
      clearCookie(request, reply, SESSION_COOKIE);
      return undefined;
    }
    if (
      session.keyId !== 'bootstrap-admin' &&
      !(await this.keys.active(session.keyId, new Date(now)))
    ) {
      clearCookie(request, reply, SESSION_COOKIE);
      return undefined;
    }
    if (now - session.seenAt > TOUCH_EVERY_MS)
      this.write(request, reply, { ...session, seenAt: now });
    return session;
  }

  start(request: FastifyRequest, reply: FastifyReply, principal: KeyPrincipal): WebSession {
    const session: WebSession = {
      sid: randomBytes(16).toString('base64url'),
      keyId: principal.keyId,
      role: principal.role,
      ...(principal.organisationId === undefined
        ? {}
        : { organisationId: principal.organisationId }),
      csrf: randomBytes(24).toString('base64url'),
      seenAt: this.clock.now().getTime(),
    };
    this.write(request, reply, session);
    return session;
  }

  end(request: FastifyRequest, reply: FastifyReply, session: WebSession): void {
    const now = this.clock.now().getTime();
    for (const [sid, at] of this.ended) if (now - at > SESSION_IDLE_MS) this.ended.delete(sid);
    this.ended.set(session.sid, now);
    clearCookie(request, reply, SESSION_COOKIE);
  }

  /** The CSRF token a form must carry: the session's, or the visitor cookie's (set when missing). */
  csrfToken(request: FastifyRequest, reply: FastifyReply, session?: WebSession): string {
    if (session) return session.csrf;
    const existing = readCookies(request)[VISITOR_COOKIE];
    if (existing && /^[\w-]{32}$/.test(existing)) return existing;
    const token = randomBytes(24).toString('base64url');
    setCookie(request, reply, VISITOR_COOKIE, token);
    return token;
  }

  /** Whether a submitted token is the one this visitor's forms carry. */
  csrfValid(request: FastifyRequest, submitted: unknown, session?: WebSession): boolean {
    const expected = session ? session.csrf : readCookies(request)[VISITOR_COOKIE];
    if (typeof submitted !== 'string' || !expected) return false;
    const digest = (value: string) => createHash('sha256').update(value).digest();
    return timingSafeEqual(digest(submitted), digest(expected));
  }

  private write(request: FastifyRequest, reply: FastifyReply, session: WebSession): void {
    const sealed = Buffer.from(this.box.seal(JSON.stringify(session)), 'base64').toString(
      'base64url',
    );
    setCookie(request, reply, SESSION_COOKIE, sealed);
  }

  private unseal(sealed: string): WebSession | undefined {
    try {
      const opened = JSON.parse(
        this.box.open(Buffer.from(sealed, 'base64url').toString('base64')),
      ) as WebSession;
      return typeof opened.sid === 'string' && typeof opened.seenAt === 'number'
        ? opened
        : undefined;
    } catch {
      return undefined;
    }
  }
}
