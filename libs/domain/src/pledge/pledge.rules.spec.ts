import { commitmentCatalogue } from '../catalogue/commitment-catalogue';
import { rolesNeeded } from './pledge.rules';

describe('rolesNeeded', () => {
  const codes = (...list: string[]) => list.map((code) => ({ code }));

  it('names the roles of the role-specific commitments, each once, provider before deployer', () => {
    expect(rolesNeeded(codes('ai-literacy', 'high-risk-mapping'), commitmentCatalogue)).toEqual([]);
    expect(
      rolesNeeded(
        codes('deployer-human-oversight', 'provider-logging', 'provider-risk-identification'),
        commitmentCatalogue,
      ),
    ).toEqual(['provider', 'deployer']);
    expect(
      rolesNeeded(codes('ai-literacy', 'deployer-human-oversight'), commitmentCatalogue),
    ).toEqual(['deployer']);
  });
});
