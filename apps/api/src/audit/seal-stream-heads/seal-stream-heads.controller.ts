import { CLOCK, type Clock } from '@pact/application';
import { HeadSeals } from '@pact/infrastructure';
import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { Allow } from '../../auth/access.decorator';

@Controller('v1/admin/audit')
export class SealStreamHeadsController {
  constructor(
    private readonly seals: HeadSeals,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Seals every stream's head now (it also happens every AUDIT_SEAL_INTERVAL). */
  @Post('seal')
  @Allow('admin')
  @HttpCode(200)
  seal() {
    return this.seals.seal(this.clock.now());
  }
}
