import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inventoryOf } from '../fixtures/inventory';
import { passwordPolicyWith, securityGroup, sgRule } from '../fixtures/resources';
import { renderedDom } from '../helpers/chromium';
import { runPyjamas } from '../helpers/cli';

jest.setTimeout(90_000);

describe('the HTML report in a browser', () => {
  let dir: string;
  let dom: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pyjamas-html-'));
    const inventory = inventoryOf({
      global: { passwordPolicy: passwordPolicyWith({ minimumPasswordLength: 8 }) },
      regional: {
        'us-east-1': {
          securityGroups: [
            securityGroup('sg-open', 'us-east-1', {
              ingress: [
                sgRule({ protocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] }),
              ],
            }),
            securityGroup('sg-closed'),
          ],
        },
      },
    });
    await writeFile(join(dir, 'inventory.json'), JSON.stringify(inventory));
    const run = await runPyjamas([
      'scan',
      '--inventory',
      join(dir, 'inventory.json'),
      '--checks',
      'iam_password_policy_minimum_length_14,ec2_securitygroup_no_ipv4_internet_ingress_to_admin_ports',
      '--output',
      'html',
      '--output-file',
      join(dir, 'report.html'),
    ]);
    expect(run.code).toBe(1);
    dom = await renderedDom(`file://${join(dir, 'report.html')}`);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('renders the summary and every finding', () => {
    expect(dom).toMatch(/<h1>Pyjamas scan of account 123456789012 \(aws\)<\/h1>/);
    expect(dom.match(/<tr data-status=/g)).toHaveLength(3);
  });

  test('filters the findings by the control named in the address', async () => {
    const filtered = await renderedDom(
      `file://${join(dir, 'report.html')}#control=cis-aws-5.0:1.7`,
    );
    const visible = [
      ...filtered.matchAll(/<tr data-status="(\w+)"[^>]*data-controls="([^"]*)"(?![^>]*hidden)/g),
    ];
    expect(visible.map((match) => match[1])).toEqual(['FAIL']);
    expect(visible[0]?.[2]).toMatch(/cis-aws-5\.0:1\.7/);
    expect(filtered).toMatch(/<tr data-status="FAIL"[^>]*cis-aws-5\.0:5\.3[^>]* hidden=""/);
  });

  test('shows failures and hides passes until asked, once its script has run', () => {
    expect(dom).toMatch(/<tr data-status="FAIL"[^>]*>(?![^<]*hidden)/);
    expect(dom).toMatch(/<tr data-status="PASS"[^>]* hidden=""/);
    expect(dom).not.toMatch(/<tr data-status="FAIL"[^>]* hidden=""/);
  });
});
