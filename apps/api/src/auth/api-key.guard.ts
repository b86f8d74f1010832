import { APP_CONFIG, type AppConfig } from '@pact/application';
import { ApiKeyStore } from '@pact/infrastructure';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { problem, ProblemException } from '../http/problem';
import { ACCESS, type Access } from './access.decorator';
import type { Principal } from './principal';

const unauthorized = (detail: string) =>
  new ProblemException(problem(401, detail), { 'www-authenticate': 'Bearer' });

/** Resolves the bearer key to a principal and applies the route's access rule. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly bootstrapDigest?: Buffer;

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    if (config.bootstrapAdminKey) this.bootstrapDigest = digest(config.bootstrapAdminKey);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = this.authenticate(request.headers.authorization);
    request.principal = principal;
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access === 'anyone') return true;
    if (principal.kind === 'anonymous')
      throw unauthorized('This endpoint needs an API key: Authorization: Bearer <key>');
    if (access === undefined || !access.includes(principal.role)) {
      throw new ProblemException(
        problem(403, `This endpoint is not open to ${principal.role} keys`),
      );
    }
    return true;
  }

  private authenticate(header: string | undefined): Principal {
    if (header === undefined) return { kind: 'anonymous' };
    const match = /^Bearer ([\x21-\x7e]{1,512})$/i.exec(header.trim());
    if (!match) throw unauthorized('The Authorization header must be: Bearer <key>');
    const presented = match[1]!;
    if (this.bootstrapDigest && timingSafeEqual(digest(presented), this.bootstrapDigest)) {
      return { kind: 'key', keyId: 'bootstrap-admin', role: 'admin' };
    }
    const record = this.keys.authenticate(presented);
    if (!record) throw unauthorized('Unknown or revoked API key');
    return {
      kind: 'key',
      keyId: record.id,
      role: record.role,
      ...(record.organisationId === undefined ? {} : { organisationId: record.organisationId }),
    };
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
