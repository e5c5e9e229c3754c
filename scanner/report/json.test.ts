import { NOW, inventoryOf } from '../../test/fixtures/inventory';
import { passwordPolicyWith, securityGroup, sgRule } from '../../test/fixtures/resources';
import { ALL_CHECKS } from '../checks';
import { runChecks } from '../run';
import { jsonReportChunks } from './json';
import { buildReport } from './report';

describe('jsonReportChunks', () => {
  test('writes exactly what JSON.stringify(report, null, 2) writes, one finding per piece', () => {
    const inventory = inventoryOf({
      global: { passwordPolicy: passwordPolicyWith({ minimumPasswordLength: 8 }) },
      regional: {
        'us-east-1': {
          securityGroups: [
            securityGroup('sg-a', 'us-east-1', {
              ingress: [
                sgRule({ protocol: '-1', fromPort: null, toPort: null, ipv4Ranges: ['0.0.0.0/0'] }),
              ],
            }),
            securityGroup('sg-b'),
          ],
        },
      },
    });
    const report = buildReport(inventory, runChecks(inventory, ALL_CHECKS, { now: NOW }), {
      toolVersion: '1.0.0',
      asOf: NOW,
      checks: ALL_CHECKS.length,
    });
    const chunks = [...jsonReportChunks(report)];
    expect(chunks.join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(chunks.length).toBeGreaterThan(report.findings.length);
  });

  test('writes an empty findings list as JSON.stringify does', () => {
    const report = buildReport(inventoryOf(), [], { toolVersion: '1.0.0', asOf: NOW, checks: 0 });
    expect([...jsonReportChunks(report)].join('')).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });
});
