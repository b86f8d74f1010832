import { CLOCK, type Clock } from '@pact/application';
import { HeadSeals } from '@pact/infrastructure';
import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { Allow } from '../../auth/access.decorator';
import { EmptyDto } from '../../http/empty.dto';

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
  seal(@Body() _body: EmptyDto) {
    return this.seals.seal(this.clock.now());
  }
}
