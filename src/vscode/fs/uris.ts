// A job's schema document URI ↔ the job (tenant, service principal, job, account).
import * as vscode from 'vscode';
import { parseSchemaLocation, schemaPath, schemaQuery, type SchemaLocation } from '../../provisioning/schemaEditing';
import { SCHEMA_SCHEME } from './schemes';

export { SCHEMA_SCHEME, SNAPSHOT_SCHEME } from './schemes';

export function schemaUri(location: SchemaLocation): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEMA_SCHEME, path: schemaPath(location), query: schemaQuery(location) });
}

export function locationOf(uri: vscode.Uri): SchemaLocation | undefined {
  return uri.scheme === SCHEMA_SCHEME ? parseSchemaLocation(uri.path, uri.query) : undefined;
}
