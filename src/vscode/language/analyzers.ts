// One MappingAnalyzer per open mapping document, created on first use and kept in step with the document's version.
// The analysis module is required on first use, not imported: activation must not parse it (the extension activates
// on any JSON document, most of which are not mapping documents).
import type * as vscode from 'vscode';
import type { MappingAnalyzer } from '../../mapping/analysis';

type AnalysisModule = typeof import('../../mapping/analysis');

let analysisModule: AnalysisModule | undefined;

function loadAnalysis(): AnalysisModule {
  analysisModule ??= require('../../mapping/analysis') as AnalysisModule;
  return analysisModule;
}

interface Entry {
  analyzer: MappingAnalyzer;
  /** The document version the analyzer last saw; the analyzer re-analyses only what an edit touched. */
  version: number;
}

export class MappingAnalyzers {
  private readonly entries = new Map<string, Entry>();

  /** The analyzer of `document`, updated to its current text. */
  for(document: vscode.TextDocument): MappingAnalyzer {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (!entry) {
      const analyzer = new (loadAnalysis().MappingAnalyzer)();
      analyzer.update(document.getText());
      this.entries.set(key, { analyzer, version: document.version });
      return analyzer;
    }
    if (entry.version !== document.version) {
      entry.analyzer.update(document.getText());
      entry.version = document.version;
    }
    return entry.analyzer;
  }

  /** Forgets a closed document (or one renamed away from *.provisioning.json). */
  delete(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }

  clear(): void {
    this.entries.clear();
  }
}
