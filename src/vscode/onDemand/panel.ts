// The on-demand result in a webview panel: the verdict, the error explained (with the fix), each step of the run
// grouped as the portal shows them (import, scoping, matching, action, export) with status and details, and the
// attributes exported with their old and new values. Static HTML: no script, no remote content, a CSP that allows
// only our nonce'd style; colours come from the VS Code theme variables.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { OnDemandPhase, OnDemandRecord, OnDemandResult, OnDemandStep } from '../../provisioning/onDemand/response';

export const ON_DEMAND_VIEW_TYPE = 'entraProvisioning.onDemandResult';

export interface OnDemandPanelContext {
  appName: string;
  tenantLabel: string;
  subjectLabel: string;
  objectType: string;
  ruleName: string;
}

/** The title the result panel gets (tests find the panel by it). */
export function onDemandPanelTitle(context: Pick<OnDemandPanelContext, 'subjectLabel'>): string {
  return vscode.l10n.t('On demand: {0}', context.subjectLabel);
}

/** Opens a new panel with the result (each run keeps its own panel so results can be compared). */
export function showOnDemandResult(result: OnDemandResult, context: OnDemandPanelContext): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(ON_DEMAND_VIEW_TYPE, onDemandPanelTitle(context), vscode.ViewColumn.Active, {
    enableScripts: false,
    enableCommandUris: false,
    localResourceRoots: [],
  });
  panel.webview.html = renderHtml(result, context, panel.webview.cspSource);
  return panel;
}

const PHASE_TITLES: Record<OnDemandPhase, () => string> = {
  import: () => vscode.l10n.t('Import'),
  scoping: () => vscode.l10n.t('Determine if in scope'),
  matching: () => vscode.l10n.t('Match between source and target'),
  action: () => vscode.l10n.t('Perform action'),
  export: () => vscode.l10n.t('Export to the app'),
  other: () => vscode.l10n.t('Other steps'),
};
const PHASE_ORDER: OnDemandPhase[] = ['import', 'scoping', 'matching', 'action', 'export', 'other'];

export function renderHtml(result: OnDemandResult, context: OnDemandPanelContext, cspSource: string): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; img-src ${cspSource} data:; font-src ${cspSource};`;
  const body = [
    `<header><h1>${esc(context.subjectLabel)}</h1>`,
    `<p class="muted">${esc(vscode.l10n.t('{0} · {1} · rule {2} · tenant {3}', context.appName, context.objectType, context.ruleName, context.tenantLabel))}</p></header>`,
    verdict(result),
    explanation(result),
    identities(result),
    steps(result),
    modified(result),
    ...result.related.map((record, i) => relatedRecord(record, i)),
    raw(result),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="${esc(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(onDemandPanelTitle(context))}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
${body}
</body>
</html>`;
}

function verdict(result: OnDemandResult): string {
  const cls = statusClass(result.result);
  const action = result.action && result.action !== 'Other' ? ` · ${esc(vscode.l10n.t('action {0}', result.action))}` : '';
  const when = result.endTime ? ` · ${esc(result.endTime)}` : '';
  return `<section class="verdict ${cls}" data-result="${esc(result.result)}"><span class="badge ${cls}">${esc(resultLabel(result.result))}</span> ${esc(result.summary)}<span class="muted">${action}${when}</span></section>`;
}

function explanation(result: OnDemandResult): string {
  const e = result.explanation;
  if (!e) return '';
  const parts = [
    `<h2>${esc(e.title)} <code>${esc(e.code)}</code></h2>`,
    `<p>${esc(e.explanation)}</p>`,
    e.fix ? `<p><strong>${esc(vscode.l10n.t('Fix:'))}</strong> ${esc(e.fix)}</p>` : '',
    ...(e.alternatives ?? []).map((a) => `<p>${esc(a.fix)}</p>`),
    e.mappingSuggestion ? `<p>${esc(vscode.l10n.t('Suggested mapping for {0}:', e.mappingSuggestion.targetAttribute))} <code>${esc(e.mappingSuggestion.expression)}</code></p>` : '',
    e.serviceRecommendation && e.serviceRecommendation !== e.fix ? `<p class="muted">${esc(vscode.l10n.t('Entra recommends: {0}', e.serviceRecommendation))}</p>` : '',
    result.statusInfo?.reason ? `<p class="muted">${esc(vscode.l10n.t('Reported: {0}', result.statusInfo.reason))}</p>` : '',
    result.statusInfo?.additionalDetails ? `<p class="muted">${esc(result.statusInfo.additionalDetails)}</p>` : '',
  ];
  return `<section class="explanation ${statusClass(result.result)}">${parts.join('')}</section>`;
}

function identities(record: OnDemandRecord): string {
  const row = (label: string, identity: OnDemandRecord['sourceIdentity'], system: OnDemandRecord['sourceSystem']) =>
    identity || system
      ? `<tr><th>${esc(label)}</th><td>${esc(identity?.displayName ?? record.reportableIdentifier ?? '')}</td><td><code>${esc(identity?.id ?? '')}</code></td><td>${esc(identity?.type ?? '')}</td><td>${esc(system?.name ?? '')}</td></tr>`
      : '';
  const rows = [row(vscode.l10n.t('Source'), record.sourceIdentity, record.sourceSystem), row(vscode.l10n.t('Target'), record.targetIdentity, record.targetSystem)].join('');
  return rows ? `<section><h2>${esc(vscode.l10n.t('Identities'))}</h2><table class="identities">${rows}</table></section>` : '';
}

function steps(record: OnDemandRecord): string {
  if (record.steps.length === 0) return `<section><h2>${esc(vscode.l10n.t('Steps'))}</h2><p class="muted">${esc(vscode.l10n.t('Graph reported no steps.'))}</p></section>`;
  const groups = PHASE_ORDER.map((phase) => ({ phase, steps: record.steps.filter((s) => s.phase === phase) })).filter((g) => g.steps.length > 0);
  const html = groups
    .map((g) => {
      const status = worst(g.steps);
      return `<details class="phase" open data-phase="${g.phase}"><summary><span class="badge ${statusClass(status)}">${esc(resultLabel(status))}</span> ${esc(PHASE_TITLES[g.phase]())}</summary>${g.steps.map(step).join('')}</details>`;
    })
    .join('');
  const scope =
    record.scopeClauses.length > 0
      ? `<table class="scope">${record.scopeClauses.map((c) => `<tr><td class="${c.passed ? 'ok' : 'bad'}">${c.passed ? '✓' : '✗'}</td><td>${esc(c.clause)}</td></tr>`).join('')}</table>`
      : '';
  return `<section><h2>${esc(vscode.l10n.t('Steps'))}</h2>${html}${scope}</section>`;
}

function step(s: OnDemandStep): string {
  const details = Object.entries(s.details).filter(([k]) => k !== 'ScopeEvaluationResult');
  const table = details.length > 0 ? `<table class="details">${details.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>` : '';
  return `<div class="step"><div><span class="status ${statusClass(s.status)}">${esc(resultLabel(s.status))}</span> <strong>${esc(s.name)}</strong> <span class="muted">${esc(s.type)}${s.timestamp ? ` · ${esc(s.timestamp)}` : ''}</span></div><p>${esc(s.description)}</p>${table}</div>`;
}

function modified(record: OnDemandRecord): string {
  if (record.modifiedProperties.length === 0) return '';
  const rows = record.modifiedProperties
    .map((p) => `<tr><th>${esc(p.displayName)}</th><td>${p.oldValue === null ? '<span class="muted">—</span>' : esc(p.oldValue)}</td><td>${p.newValue === null ? '<span class="muted">—</span>' : esc(p.newValue)}</td></tr>`)
    .join('');
  return `<section><h2>${esc(vscode.l10n.t('Modified properties'))}</h2><table class="modified"><thead><tr><th>${esc(vscode.l10n.t('Attribute'))}</th><th>${esc(vscode.l10n.t('Old value'))}</th><th>${esc(vscode.l10n.t('New value'))}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function relatedRecord(record: OnDemandRecord, index: number): string {
  const status = record.statusInfo?.status ?? worst(record.steps);
  return `<details class="related"><summary><span class="badge ${statusClass(status)}">${esc(resultLabel(status))}</span> ${esc(record.reportableIdentifier ?? vscode.l10n.t('Object {0}', index + 2))}</summary>${identities(record)}${steps(record)}${modified(record)}</details>`;
}

function raw(result: OnDemandResult): string {
  if (!result.raw) return '';
  return `<section><h2>${esc(vscode.l10n.t('Answer as Graph sent it'))}</h2><pre>${esc(result.raw.key)}\n${esc(result.raw.value ?? '')}</pre></section>`;
}

function worst(steps: readonly OnDemandStep[]): OnDemandStep['status'] {
  for (const status of ['Failure', 'Warning', 'Skipped'] as const) if (steps.some((s) => s.status === status)) return status;
  return steps.length > 0 ? 'Success' : 'Unknown';
}

function resultLabel(result: string): string {
  switch (result) {
    case 'Success':
      return vscode.l10n.t('Success');
    case 'Skipped':
      return vscode.l10n.t('Skipped');
    case 'Failure':
      return vscode.l10n.t('Failure');
    case 'Warning':
      return vscode.l10n.t('Warning');
    default:
      return vscode.l10n.t('Unknown');
  }
}

function statusClass(result: string): string {
  return result === 'Success' ? 'ok' : result === 'Failure' ? 'bad' : result === 'Skipped' || result === 'Warning' ? 'warn' : 'unknown';
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 20px 20px; line-height: 1.45; }
h1 { font-size: 1.5em; font-weight: 600; margin: 16px 0 2px; }
h2 { font-size: 1.1em; font-weight: 600; margin: 18px 0 6px; }
.muted { color: var(--vscode-descriptionForeground); }
code, pre { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); background: var(--vscode-textCodeBlock-background); padding: 1px 4px; border-radius: 3px; }
pre { padding: 8px; white-space: pre-wrap; word-break: break-all; }
table { border-collapse: collapse; margin: 4px 0 8px; }
th, td { text-align: left; vertical-align: top; padding: 3px 12px 3px 0; border-bottom: 1px solid var(--vscode-widget-border, transparent); word-break: break-word; }
th { font-weight: 600; }
table.identities th, table.modified th { white-space: nowrap; }
.verdict { padding: 10px 12px; border-left: 4px solid var(--vscode-textLink-foreground); background: var(--vscode-textBlockQuote-background); margin: 12px 0; }
.verdict.ok { border-color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.verdict.bad { border-color: var(--vscode-errorForeground); }
.verdict.warn { border-color: var(--vscode-editorWarning-foreground); }
.explanation { padding: 2px 12px 6px; border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border)); border-radius: 4px; }
.explanation.bad { border-color: var(--vscode-inputValidation-errorBorder, var(--vscode-errorForeground)); }
.badge { display: inline-block; min-width: 4.5em; text-align: center; padding: 0 6px; border-radius: 9px; font-size: 0.9em; color: var(--vscode-badge-foreground); background: var(--vscode-badge-background); }
.badge.ok { background: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); color: var(--vscode-editor-background); }
.badge.bad { background: var(--vscode-errorForeground); color: var(--vscode-editor-background); }
.badge.warn { background: var(--vscode-editorWarning-foreground); color: var(--vscode-editor-background); }
.status.ok, td.ok { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.status.bad, td.bad { color: var(--vscode-errorForeground); }
.status.warn { color: var(--vscode-editorWarning-foreground); }
details.phase, details.related { margin: 6px 0; padding: 4px 8px; border: 1px solid var(--vscode-widget-border, var(--vscode-panel-border)); border-radius: 4px; }
summary { cursor: pointer; font-weight: 600; }
.step { margin: 8px 0 4px 12px; }
.step p { margin: 2px 0; }
table.details th { font-weight: normal; color: var(--vscode-descriptionForeground); }
`;
