// The mapping-function catalogue served by GET .../schema/functions. Derived from the one catalogue
// (src/mapping/catalog/functions.ts), which keeps Graph's exact parameter keys and types (mapping-expressions.md §2.2 —
// `Find`/`Replacement`/`switchValue`, not the doc's prose names).
import type { AttributeMappingFunctionSchema } from '../../../graph/model';
import { CLOUD_SYNC_FUNCTION_NAMES, graphFunctionSchemas } from '../../../mapping/catalog/functions';

/** Functions of the Entra app-provisioning expression language, alphabetical (documented 43 + the Graph-listed extras). */
export const MAPPING_FUNCTIONS: AttributeMappingFunctionSchema[] = graphFunctionSchemas();

/**
 * Functions that exist only in Cloud Sync (AD → Entra) expressions (mapping-expressions.md §5). Not offered by the
 * app-provisioning `functions` endpoint.
 */
export const CLOUD_SYNC_ONLY_FUNCTIONS: readonly string[] = CLOUD_SYNC_FUNCTION_NAMES;

const BY_NAME = new Map(MAPPING_FUNCTIONS.map((f) => [f.name, f]));

export function mappingFunction(name: string): AttributeMappingFunctionSchema | undefined {
  return BY_NAME.get(name);
}
