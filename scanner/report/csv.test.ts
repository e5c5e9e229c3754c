import { sampleReport } from '../../test/fixtures/reports';
import { formatCsvReport } from './csv';

describe('the CSV report', () => {
  test('has a header and one CRLF-terminated row per finding, quoting commas and quotes', () => {
    const report = sampleReport();
    const text = formatCsvReport(report);
    const lines = text.split('\r\n');
    expect(lines[0]).toMatch(/^account,region,check_id,title,service,severity,status,muted,/);
    expect(lines).toHaveLength(report.findings.length + 2);
    expect(lines.at(-1)).toBe('');
    expect(text).toContain('"Security group sg-open (web, ""public"") allows ingress');
    expect(text).toMatch(/cis-aws-5\.0:5\.3 cis-aws-6\.0:6\.3/);
  });

  test('defuses cells a spreadsheet would run as formulas', () => {
    const report = sampleReport();
    const [first] = report.findings;
    if (!first) throw new Error('sample report has findings');
    const text = formatCsvReport({
      ...report,
      findings: [{ ...first, message: '=HYPERLINK("http://x")' }],
    });
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
  });
});
