import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@pact/application';
import { ApiKeyStore } from '@pact/infrastructure';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { problem, ProblemException } from '../http/problem';
import type { Principal } from './principal';

export const unauthorized = (detail: string) =>
  new ProblemException(problem(401, detail), { 'www-authenticate': 'Bearer' });

/** Turns an Authorization header into a principal: anonymous, the bootstrap admin, or a stored key. */
@Injectable()
export class Authenticator {
  private readonly bootstrapDigest?: Buffer;

  constructor(
    private readonly keys: ApiKeyStore,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    if (config.bootstrapAdminKey) this.bootstrapDigest = digest(config.bootstrapAdminKey);
  }

  async authenticate(header: string | undefined): Promise<Principal> {
    if (header === undefined) return { kind: 'anonymous' };
    const match = /^Bearer ([\x21-\x7e]{1,512})$/i.exec(header.trim());
    if (!match) throw unauthorized('The Authorization header must be: Bearer <key>');
    const presented = match[1]!;
    if (this.bootstrapDigest && timingSafeEqual(digest(presented), this.bootstrapDigest)) {
      return { kind: 'key', keyId: 'bootstrap-admin', role: 'admin' };
    }
    const record = await this.keys.authenticate(presented, this.clock.now());
    if (!record) throw unauthorized('Unknown, revoked or expired API key');
    return {
      kind: 'key',
      keyId: record.id,
      role: record.role,
      ...(record.organisationId === undefined ? {} : { organisationId: record.organisationId }),
    };
  }

  /** The key of `Authorization: Basic` (any user name): what a browser sends for the queue dashboard. */
  authenticateBasic(header: string | undefined): Promise<Principal> {
    const match = /^Basic ([A-Za-z0-9+/=]{1,1024})$/i.exec(header?.trim() ?? '');
    if (!match) return this.authenticate(header);
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    return this.authenticate(`Bearer ${decoded.slice(decoded.indexOf(':') + 1)}`);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
