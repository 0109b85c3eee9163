// What a provisioning template is to the sandbox: the Graph synchronizationTemplate fields plus a factory for its
// default schema (what a new job starts with and what DELETE .../schema resets to).
import type { MetadataEntry, SynchronizationSchema } from '../../../graph/model';
import { entraSourceDirectory } from './entraDirectory';
import { meta } from './attributes';

export interface TemplateDefinition {
  id: string; // template id, e.g. 'FacebookWorkplace'
  factoryTag: string;
  description: string;
  metadata: MetadataEntry[];
  /** A fresh deep copy of this template's default schema each call. */
  defaultSchema(): SynchronizationSchema;
  /** Name of the target directory in the schema (also the target system name in provisioning logs). */
  targetDirectoryName: string;
  /** Id of the USER_OUTBOUND_USER rule (provisionOnDemand's ruleId). */
  userRuleId: string;
  /** Superseded connector kept only for existing jobs (listed, but not the app's default template). */
  legacy: boolean;
}

export interface TemplateSpec {
  id: string;
  factoryTag: string;
  description: string;
  metadata: Record<string, string>;
  targetDirectoryName: string;
  userRuleId: string;
  legacy?: boolean;
  /** Builds the target directory and the rule; the Entra source directory is added here. */
  build(): Omit<SynchronizationSchema, 'id' | 'version'> & { version: string };
}

/** Schema ids of templates look like `{templateId}.{32 zeros}` (the AWS template example). */
export function templateSchemaId(templateId: string): string {
  return `${templateId}.${'0'.repeat(32)}`;
}

export function defineTemplate(spec: TemplateSpec): TemplateDefinition {
  let prototype: string | undefined; // built lazily once, then copied: cheap for the 200-job large seed
  return {
    id: spec.id,
    factoryTag: spec.factoryTag,
    description: spec.description,
    metadata: meta(spec.metadata),
    targetDirectoryName: spec.targetDirectoryName,
    userRuleId: spec.userRuleId,
    legacy: spec.legacy ?? false,
    defaultSchema(): SynchronizationSchema {
      if (prototype === undefined) {
        const built = spec.build();
        const schema: SynchronizationSchema = {
          id: templateSchemaId(spec.id),
          version: built.version,
          directories: [entraSourceDirectory(), ...built.directories],
          synchronizationRules: built.synchronizationRules,
        };
        prototype = JSON.stringify(schema);
      }
      return JSON.parse(prototype) as SynchronizationSchema;
    },
  };
}

/** The configurationFields metadata value: which credential fields the portal asks for (graph-synchronization.md §3.9). */
export function configurationFields(fields: ('baseaddress' | 'secrettoken')[]): string {
  return JSON.stringify(fields.map((name) => (name === 'secrettoken' ? { name, secret: true } : { name })));
}
