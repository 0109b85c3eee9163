// Which documents are mapping documents: JSON whose path ends with `.provisioning.json`, on any scheme (files on disk
// and the schema editor's virtual documents alike) — the same rule the `jsonValidation` contribution uses, so our
// features and the JSON service's schema features always land on the same documents.
import * as vscode from 'vscode';

const PATTERN = '**/*.provisioning.json';

export const MAPPING_DOCUMENT_SELECTOR: vscode.DocumentSelector = [
  { language: 'json', pattern: PATTERN },
  // Someone may switch the document to "JSON with Comments"; the JSON service still validates it against our schema.
  { language: 'jsonc', pattern: PATTERN },
];

export function isMappingDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(MAPPING_DOCUMENT_SELECTOR, document) > 0;
}
