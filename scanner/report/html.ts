import { FRAMEWORKS, type ComplianceFramework } from '../compliance';
import { SEVERITIES, STATUSES, type Finding, type Status } from '../model/finding';
import { formatScore, judgeFramework } from './compliance';
import type { ScanReport } from './report';

const STATUS_LABEL: { readonly [S in Status]: string } = {
  FAIL: 'Fail',
  ERROR: 'Error',
  MANUAL: 'Manual',
  PASS: 'Pass',
  NOT_APPLICABLE: 'N/A',
};
/** Statuses shown when the page opens; the others are one click away. */
const SHOWN_AT_FIRST: readonly Status[] = ['FAIL', 'ERROR', 'MANUAL'];

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A self-contained HTML report: no external scripts, styles or fonts, so it opens offline and
 * can be archived as evidence. Findings can be filtered by status and by control (also from the
 * address: `report.html#control=cis-aws-5.0:1.8`); each framework's controls,
 * MANUAL rows included, are listed with the framework's score.
 */
export function formatHtmlReport(
  report: ScanReport,
  frameworks: readonly ComplianceFramework[] = FRAMEWORKS,
): string {
  const { summary } = report;
  const tiles = STATUSES.map(
    (status) =>
      `<div class="tile ${status}"><b>${summary.byStatus[status]}</b>${STATUS_LABEL[status]}</div>`,
  ).join('');
  const severities = SEVERITIES.map(
    (severity) => `<li>${severity}: ${summary.failedBySeverity[severity]}</li>`,
  ).join('');
  const filters = STATUSES.map(
    (status) =>
      `<label><input type="checkbox" data-filter="${status}"${SHOWN_AT_FIRST.includes(status) ? ' checked' : ''}> ${STATUS_LABEL[status]}</label>`,
  ).join(' ');
  const rows = report.findings.map((finding) => findingRow(finding)).join('\n');
  const controls = frameworks
    .flatMap((framework) =>
      framework.controls
        .filter((control) => control.checks.length > 0)
        .map(
          (control) =>
            `<option value="${escapeHtml(`${framework.id}:${control.id}`)}">${escapeHtml(`${framework.id} ${control.id} ${control.title}`)}</option>`,
        ),
    )
    .join('');
  const compliance = frameworks
    .map((framework) => frameworkSection(framework, report.findings))
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pyjamas scan of ${escapeHtml(report.account)} as of ${escapeHtml(report.asOf)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1d1d1f}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
.tiles{display:flex;gap:.5rem}.tile{padding:.5rem 1rem;border-radius:6px;background:#eee}.tile b{display:block;font-size:1.3rem}
.FAIL{color:#b00020}.ERROR{color:#7b1fa2}.MANUAL{color:#b26a00}.PASS{color:#1b5e20}.NOT_APPLICABLE{color:#666}
.tile.FAIL{background:#fde7ea}.tile.ERROR{background:#f3e5f5}.tile.MANUAL{background:#fff4e0}.tile.PASS{background:#e8f5e9}
tr[hidden]{display:none}.muted{color:#666;font-style:italic}code{font-size:.9em}
</style>
</head>
<body>
<h1>Pyjamas scan of account ${escapeHtml(report.account)} (${escapeHtml(report.partition)})</h1>
<p>Regions: ${escapeHtml(report.regions.join(', '))} · as of ${escapeHtml(report.asOf)} · ${summary.checks} checks · ${summary.findings} findings · Pyjamas ${escapeHtml(report.tool.version)}</p>
<div class="tiles">${tiles}</div>
<p>${summary.failed} failed findings need attention (${summary.muted} muted).</p>
<ul>${severities}</ul>
<h2>Findings</h2>
<p id="filters">Show: ${filters}</p>
<p><label>Control: <select id="control"><option value="">all controls</option>${controls}</select></label></p>
<table id="findings">
<thead><tr><th>Severity</th><th>Status</th><th>Check</th><th>Region</th><th>Resource</th><th>Finding</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Compliance</h2>
${compliance}
<script>
(function () {
  var boxes = document.querySelectorAll('#filters input');
  var control = document.getElementById('control');
  var wanted = /^#control=(.+)$/.exec(decodeURIComponent(location.hash));
  if (wanted) control.value = wanted[1];
  function apply() {
    var shown = {};
    boxes.forEach(function (box) { shown[box.getAttribute('data-filter')] = box.checked; });
    document.querySelectorAll('#findings tbody tr').forEach(function (row) {
      var inControl = !control.value || row.getAttribute('data-controls').split(' ').indexOf(control.value) >= 0;
      row.hidden = !shown[row.getAttribute('data-status')] || !inControl;
    });
  }
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  control.addEventListener('change', apply);
  apply();
})();
</script>
</body>
</html>
`;
}

function findingRow(finding: Finding): string {
  const muted = finding.muted
    ? ` <span class="muted">muted: ${escapeHtml(finding.mutedReason ?? '')}</span>`
    : '';
  const fix =
    finding.status === 'FAIL'
      ? `<details><summary>Fix</summary>${escapeHtml(finding.remediation)}</details>`
      : '';
  const controls = Object.entries(finding.compliance)
    .flatMap(([framework, ids]) => ids.map((id) => `${framework}:${id}`))
    .join(' ');
  return `<tr data-status="${finding.status}" data-id="${finding.id}" data-controls="${escapeHtml(controls)}"><td>${finding.severity}</td><td class="${finding.status}">${STATUS_LABEL[finding.status]}</td><td><code>${escapeHtml(finding.checkId)}</code></td><td>${escapeHtml(finding.region)}</td><td>${escapeHtml(finding.resourceId)}</td><td>${escapeHtml(finding.message)}${muted}${fix}</td></tr>`;
}

function frameworkSection(framework: ComplianceFramework, findings: readonly Finding[]): string {
  const result = judgeFramework(framework, findings);
  const rows = result.controls
    .map(
      (control) =>
        `<tr><td>${escapeHtml(control.id)}</td><td class="${control.status}">${STATUS_LABEL[control.status]}</td><td>L${control.level}</td><td>${escapeHtml(control.title)}</td></tr>`,
    )
    .join('\n');
  return `<details><summary>${escapeHtml(result.name)} v${escapeHtml(result.version)} — ${formatScore(result.score)} of judged controls pass</summary>
<table><thead><tr><th>Control</th><th>Status</th><th>Level</th><th>Title</th></tr></thead><tbody>
${rows}
</tbody></table></details>`;
}
