// Every function implementation, by name. The catalogue (src/mapping/catalog/functions.ts) decides arity and
// parameter kinds before an implementation runs.
import type { FunctionImpl } from './call';
import { CLOUD_SYNC_FUNCTIONS } from './cloudSync';
import { COLLECTION_FUNCTIONS } from './collections';
import { DATE_FUNCTIONS } from './dates';
import { GENERATED_FUNCTIONS } from './generated';
import { LOGIC_FUNCTIONS } from './logic';
import { REPLACE_FUNCTIONS } from './replace';
import { ROLE_FUNCTIONS } from './roles';
import { STRING_FUNCTIONS } from './strings';

export const FUNCTION_IMPLEMENTATIONS: Readonly<Record<string, FunctionImpl>> = {
  ...STRING_FUNCTIONS,
  ...DATE_FUNCTIONS,
  ...LOGIC_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
  ...REPLACE_FUNCTIONS,
  ...GENERATED_FUNCTIONS,
  ...ROLE_FUNCTIONS,
  ...CLOUD_SYNC_FUNCTIONS,
};

export { seededRandom } from './generated';
export type { Call, FunctionImpl, ResolvedContext } from './call';
