import { Controller, Get, Param, Query } from '@nestjs/common';
import { Allow } from '../../auth/access.decorator';
import { notFound } from '../../http/problem';
import { AcceptsQuery, QueryParams } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';
import { PledgeChain } from './pledge-chain';

@Controller('v1/pledges')
export class VerifyPledgeHistoryController {
  constructor(
    private readonly chain: PledgeChain,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /**
   * Recomputes the pledge's hash chain and checks it against the latest sealed head, which reveals a
   * stream cut short. `sealValid: false` means the seal itself no longer matches what was sealed.
   */
  @Get(':id/history/verify')
  @AcceptsQuery(['minPosition'])
  @Allow('reviewer', 'admin')
  async verify(@Param('id') pledgeId: string, @Query() query: Record<string, unknown>) {
    await this.readYourWrites.reachLog(QueryParams.among(query, ['minPosition']));
    const result = await this.chain.verify(pledgeId);
    if (!result) throw notFound('Pledge not found');
    return result;
  }
}
