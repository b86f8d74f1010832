import { workspaceFieldName } from './workspace-commands';

describe('workspaceFieldName', () => {
  it("points a signature's errors at the fields the form named by commitment code", () => {
    const body = {
      intent: 'sign',
      commitments: ['ai-literacy', 'provider-logging', 'ai-literacy'],
      signatoryName: 'Ada',
    };
    expect(workspaceFieldName('signatory.name', body)).toBe('signatoryName');
    expect(workspaceFieldName('commitments[1].actions[0].targetDate', body)).toBe(
      'action.provider-logging.targetDate',
    );
    expect(workspaceFieldName('commitments[0].code', body)).toBe('commitments');
    // A code sent twice counts once, as the command has it.
    expect(workspaceFieldName('commitments[2].actions[0].status', body)).toBe('commitments');
  });

  it("points a report's action updates at their fields, in the order set, and the rest by name", () => {
    const body = {
      intent: 'report',
      'update.a1': '',
      'update.a2': 'done',
      'update.a3': 'underway',
    };
    expect(workspaceFieldName('actionUpdates[1].status', body)).toBe('update.a3');
    expect(workspaceFieldName('evidenceUrls[2]', body)).toBe('evidenceUrls');
    expect(workspaceFieldName('summary', body)).toBe('summary');
  });

  it("points an added commitment's action fields at the form's own", () => {
    expect(workspaceFieldName('actions[0].targetDate', { intent: 'add-commitment' })).toBe(
      'targetDate',
    );
  });
});
