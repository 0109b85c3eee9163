// "Preview Mapping": what the provisioning service would send for one user, as a read-only JSON document beside the
// mapping (own URI scheme, served from memory — nothing is written anywhere). Each preview is a session: the mapping
// (an open *.provisioning.json document, or a job's schema read from Graph once), the source object (a tenant user or
// a JSON file) and the options. A session on a document re-renders, debounced, whenever the document changes; hovering
// an attribute entry shows its expression and evaluation trace.
import * as vscode from 'vscode';
import type { SynchronizationSchema } from '../../graph/model';
import type { PreviewResult, SourceObject } from '../../mapping/preview';
import { attributeAt, attributeHoverMarkdown, renderPreviewDocument, type PreviewDocument } from '../../provisioning/previewDocument';

export const PREVIEW_SCHEME = 'entra-provisioning-preview';
const DEBOUNCE_MS = 300;

type PreviewModule = typeof import('../../mapping/preview');
let previewModule: PreviewModule | undefined;
/** The preview core (and the expression engine under it) loads on the first preview, never at activation. */
function core(): PreviewModule {
  previewModule ??= require('../../mapping/preview') as PreviewModule;
  return previewModule;
}

export type MappingSource =
  | { kind: 'document'; uri: vscode.Uri; label: string }
  | { kind: 'job'; schema: SynchronizationSchema; label: string };

export interface PreviewSubject {
  label: string;
  object: SourceObject;
}

export interface PreviewRequest {
  mapping: MappingSource;
  subject: PreviewSubject;
  ruleId?: string;
  sourceObjectName?: 'User' | 'Group';
}

interface Session extends PreviewRequest {
  id: string;
  uri: vscode.Uri;
  rendered?: { doc: PreviewDocument; result: PreviewResult };
  text: string;
  timer?: NodeJS.Timeout;
}

export class PreviewController implements vscode.TextDocumentContentProvider, vscode.HoverProvider, vscode.Disposable {
  private readonly sessions = new Map<string, Session>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private counter = 0;

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.sourceChanged(e.document)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme === PREVIEW_SCHEME) this.drop(doc.uri);
      }),
    );
  }

  /** Starts a preview session and opens its document beside the active editor. */
  async open(request: PreviewRequest): Promise<{ uri: vscode.Uri; result: PreviewResult | undefined; error?: string }> {
    const id = String(++this.counter);
    const name = `${request.mapping.label.replace(/\.provisioning\.json$/i, '')} · ${request.subject.label}`.replace(/[\\/?#%]/g, '_');
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${name}.preview.json`, query: `session=${id}` });
    const session: Session = { ...request, id, uri, text: '' };
    this.sessions.set(uri.toString(), session);
    const error = this.render(session);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
    return { uri, result: session.rendered?.result, ...(error ? { error } : {}) };
  }

  /** The latest result of a preview document (tests and other extensions read it through the command's return). */
  resultOf(uri: vscode.Uri): PreviewResult | undefined {
    return this.sessions.get(uri.toString())?.rendered?.result;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const session = this.sessions.get(uri.toString());
    return session ? session.text : `${JSON.stringify({ preview: vscode.l10n.t('This preview was closed; run Preview Mapping again.') }, null, 2)}\n`;
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const session = this.sessions.get(document.uri.toString());
    const rendered = session?.rendered;
    if (!rendered || document.getText() !== session.text) return undefined;
    const index = attributeAt(rendered.doc, document.offsetAt(position));
    const attribute = index === undefined ? undefined : rendered.result.attributes[index];
    if (!attribute || index === undefined) return undefined;
    const range = rendered.doc.attributeRanges.find((r) => r.index === index)!;
    return new vscode.Hover(new vscode.MarkdownString(attributeHoverMarkdown(attribute)), new vscode.Range(document.positionAt(range.start), document.positionAt(range.end)));
  }

  dispose(): void {
    for (const session of this.sessions.values()) clearTimeout(session.timer);
    this.sessions.clear();
    for (const d of this.disposables) d.dispose();
  }

  private sourceChanged(document: vscode.TextDocument): void {
    for (const session of this.sessions.values()) {
      if (session.mapping.kind !== 'document' || session.mapping.uri.toString() !== document.uri.toString()) continue;
      clearTimeout(session.timer);
      session.timer = setTimeout(() => {
        this.render(session);
        this.changed.fire(session.uri);
      }, DEBOUNCE_MS);
    }
  }

  private drop(uri: vscode.Uri): void {
    const session = this.sessions.get(uri.toString());
    if (session) clearTimeout(session.timer);
    this.sessions.delete(uri.toString());
  }

  /** Recomputes a session's text; returns the error shown instead of a preview, if any. */
  private render(session: Session): string | undefined {
    const notes: string[] = [];
    let schema: SynchronizationSchema | undefined;
    if (session.mapping.kind === 'job') {
      schema = session.mapping.schema;
    } else {
      const source = session.mapping.uri.toString();
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === source);
      if (document) {
        const parsed = parseJson(document.getText());
        if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) schema = parsed as SynchronizationSchema;
        else notes.push(vscode.l10n.t('The mapping document is not valid JSON right now: this is the preview of its last valid state.'));
      } else {
        notes.push(vscode.l10n.t('The mapping document was closed: this preview no longer follows it.'));
      }
    }
    if (!schema) {
      if (session.rendered) {
        session.text = renderPreviewDocument({ result: session.rendered.result, subject: session.subject.label, mapping: session.mapping.label, notes }).text;
        return undefined;
      }
      return this.showError(session, notes.join(' ') || vscode.l10n.t('No mapping to preview.'));
    }
    try {
      const result = core().previewObject(normalize(schema), session.subject.object, {
        ...(session.ruleId ? { ruleId: session.ruleId } : {}),
        ...(session.sourceObjectName ? { sourceObjectName: session.sourceObjectName } : {}),
      });
      const doc = renderPreviewDocument({ result, subject: session.subject.label, mapping: session.mapping.label, notes });
      session.rendered = { doc, result };
      session.text = doc.text;
      return undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return this.showError(session, message);
    }
  }

  private showError(session: Session, message: string): string {
    session.rendered = undefined;
    session.text = `${JSON.stringify({ preview: vscode.l10n.t('No preview: {0}', message), subject: session.subject.label, mapping: session.mapping.label }, null, 2)}\n`;
    return message;
  }
}

/** A hand-written document may lack arrays the preview walks; give it empty ones rather than fail. */
function normalize(schema: SynchronizationSchema): SynchronizationSchema {
  return { ...schema, directories: Array.isArray(schema.directories) ? schema.directories : [], synchronizationRules: Array.isArray(schema.synchronizationRules) ? schema.synchronizationRules : [] };
}

/** The document's JSON, or undefined while it does not parse (mid-edit): the preview then keeps its last state. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
