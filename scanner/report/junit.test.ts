import { sampleReport } from '../../test/fixtures/reports';
import { formatJunitReport } from './junit';

describe('the JUnit report', () => {
  test('has one test case per check and resource, failures for unmuted failures', () => {
    const text = formatJunitReport(sampleReport());
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(text.match(/<testcase /g)).toHaveLength(3);
    expect(text).toMatch(/<testsuites [^>]*tests="3" failures="2" errors="0"/);
    expect(text).toContain(
      'name="us-east-1 arn:aws:ec2:us-east-1:123456789012:security-group/sg-open"',
    );
    expect(text).toContain('(web, &quot;public&quot;)');
  });

  test('skips a muted failure with its reason instead of failing the pipeline', () => {
    const text = formatJunitReport(sampleReport({ muteSsh: true }));
    expect(text).toMatch(/failures="1"/);
    expect(text).toContain('<skipped message="muted: bastion &lt;approved&gt;"/>');
  });
});
