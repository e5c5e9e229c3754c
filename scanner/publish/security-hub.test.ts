import { BatchImportFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsClients } from '../../lib/aws/clients';
import { sampleReport } from '../../test/fixtures/reports';
import type { ScanReport } from '../report/report';
import { importIntoSecurityHub } from './security-hub';

const hub = mockClient(SecurityHubClient);
beforeEach(() => hub.reset());

function manyFindings(count: number): ScanReport {
  const report = sampleReport();
  const [first] = report.findings;
  if (!first) throw new Error('sample report has findings');
  return {
    ...report,
    findings: Array.from({ length: count }, (_, index) => ({ ...first, id: `f${index}` })),
  };
}

describe('importIntoSecurityHub', () => {
  test('sends findings in batches of 100 and counts what was accepted', async () => {
    hub.on(BatchImportFindingsCommand).callsFake((input: { Findings: unknown[] }) => ({
      SuccessCount: input.Findings.length,
      FailedCount: 0,
      FailedFindings: [],
    }));
    const result = await importIntoSecurityHub(
      new AwsClients({ env: {} }),
      'us-east-1',
      manyFindings(250),
    );
    expect(
      hub
        .commandCalls(BatchImportFindingsCommand)
        .map((call) => call.args[0].input.Findings?.length),
    ).toEqual([100, 100, 50]);
    expect(result).toEqual({ accepted: 250, failed: 0, failures: [] });
  });

  test('sends a throttled finding again and reports one refused for good', async () => {
    hub
      .on(BatchImportFindingsCommand)
      .resolvesOnce({
        SuccessCount: 1,
        FailedCount: 2,
        FailedFindings: [
          { Id: 'pyjamas/f1', ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' },
          { Id: 'pyjamas/f2', ErrorCode: 'InvalidInput', ErrorMessage: 'bad field' },
        ],
      })
      .resolves({ SuccessCount: 1, FailedCount: 0, FailedFindings: [] });
    const result = await importIntoSecurityHub(
      new AwsClients({ env: {} }),
      'us-east-1',
      manyFindings(3),
    );
    expect(hub.commandCalls(BatchImportFindingsCommand)).toHaveLength(2);
    expect(result).toEqual({
      accepted: 2,
      failed: 1,
      failures: [{ id: 'pyjamas/f2', code: 'InvalidInput', message: 'bad field' }],
    });
  });
});
