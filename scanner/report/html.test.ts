import { NOW, inventoryOf } from '../../test/fixtures/inventory';
import { passwordPolicyWith, securityGroup, sgRule } from '../../test/fixtures/resources';
import { ALL_CHECKS } from '../checks';
import { runChecks } from '../run';
import { escapeHtml, formatHtmlReport } from './html';
import { buildReport } from './report';

const inventory = inventoryOf({
  global: { passwordPolicy: passwordPolicyWith({ minimumPasswordLength: 8 }) },
  regional: {
    'us-east-1': {
      securityGroups: [
        securityGroup('sg-<script>', 'us-east-1', {
          name: '<img src=x>',
          ingress: [
            sgRule({ protocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] }),
          ],
        }),
      ],
    },
  },
});
const checks = ALL_CHECKS.filter((check) =>
  [
    'iam_password_policy_minimum_length_14',
    'ec2_securitygroup_no_ipv4_internet_ingress_to_admin_ports',
  ].includes(check.id),
);
const report = buildReport(inventory, runChecks(inventory, checks, { now: NOW }), {
  toolVersion: '1.0.0',
  asOf: NOW,
  checks: 2,
});

describe('the HTML report', () => {
  const html = formatHtmlReport(report);

  test('escapes every value taken from the account', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
    expect(html).not.toMatch(/<img src=x>|sg-<script>/);
    expect(html).toMatch(/sg-&lt;script&gt;/);
  });

  test('loads nothing from the network', () => {
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  });

  test('lists each finding with its status for filtering, and each framework with MANUAL rows', () => {
    expect(html.match(/<tr data-status="FAIL"/g)).toHaveLength(2);
    expect(html).toMatch(
      /CIS Amazon Web Services Foundations Benchmark v5\.0\.0 — 0% of judged controls pass/,
    );
    expect(html).toMatch(/<td>1\.1<\/td><td class="MANUAL">Manual<\/td>/);
  });
});
