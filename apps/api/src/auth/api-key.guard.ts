import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { problem, ProblemException } from '../http/problem';
import { ACCESS, type Access } from './access.decorator';
import { Authenticator, unauthorized } from './authenticator';
import { PAGE_ACCESS } from '../web/kit/page-roles';

/** Resolves the bearer key to a principal and applies the route's access rule. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // Pages sign in by session cookie (their own guard): a browser may still send the Basic
    // credentials it keeps for the queue dashboard, which are no bearer key.
    if (this.reflector.getAllAndOverride(PAGE_ACCESS, [context.getHandler(), context.getClass()])) {
      request.principal = { kind: 'anonymous' };
      return true;
    }
    const principal = await this.authenticator.authenticate(request.headers.authorization);
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
}
