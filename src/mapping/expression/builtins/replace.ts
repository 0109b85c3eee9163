// Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template)
// (mapping-expressions.md §4 Replace). Which optional arguments are present (an empty slot is absent, "" is present)
// selects the mode:
//   1. oldValue + replacementValue                         literal replace of every occurrence, case-sensitive
//   2. oldValue + template                                 every oldValue in template becomes the source value
//   3. regexPattern + replacementValue                     Regex.Replace; `${name}` and `$1` reference groups
//   4. regexPattern + regexGroupName + replacementValue    within each match, only the group's text is replaced
//   5. regexPattern + regexGroupName + replacementAttributeName
//                                                          source if it has a value, else the group extracted from the
//                                                          replacementAttributeName value (the app-provisioning wording;
//                                                          Cloud Sync's reference words it the other way round)
// Any other combination isn't documented and is reported rather than guessed.
import { compileDotNetRegex, extractGroup, groupNames, RegexTranslationError, replaceAll, replaceGroup } from '../dotnetRegex';
import { scalar, type Call, type FunctionImpl } from './call';

const SOURCE = 0;
const FIND = 1;
const REGEX = 2;
const GROUP = 3;
const REPLACEMENT = 4;
const PROPERTY = 5;
const TEMPLATE = 6;

const ARGUMENT_NAMES = ['source', 'oldValue', 'regexPattern', 'regexGroupName', 'replacementValue', 'replacementAttributeName', 'template'];

function compile(call: Call): RegExp {
  const pattern = scalar(call, REGEX) ?? '';
  try {
    return compileDotNetRegex(pattern);
  } catch (err) {
    if (err instanceof RegexTranslationError) return call.fail('bad-regex', `Replace: invalid regular expression ${JSON.stringify(pattern)}: ${err.message}`, REGEX);
    throw err;
  }
}

function groupOf(call: Call, regex: RegExp): string {
  const group = scalar(call, GROUP) ?? '';
  if (!groupNames(regex).includes(group)) {
    return call.fail('bad-regex', `Replace: the regular expression has no group named ${JSON.stringify(group)}`, GROUP);
  }
  return group;
}

function unsupported(call: Call): never {
  const given = ARGUMENT_NAMES.filter((_, i) => i > 0 && call.has(i));
  return call.fail(
    'unsupported',
    `Replace: the combination of arguments (${given.join(', ') || 'none'}) is not one of the documented modes ` +
      '(oldValue + replacementValue, oldValue + template, regexPattern + replacementValue, regexPattern + regexGroupName + ' +
      'replacementValue, regexPattern + regexGroupName + replacementAttributeName)',
    call.node.span,
  );
}

export const REPLACE_FUNCTIONS: Record<string, FunctionImpl> = {
  Replace(call) {
    const has = (i: number) => call.has(i);
    if (has(FIND) && !has(REGEX) && !has(GROUP) && !has(PROPERTY)) {
      const find = scalar(call, FIND) ?? '';
      if (has(TEMPLATE) && !has(REPLACEMENT)) {
        const source = scalar(call, SOURCE);
        if (source === null) return null;
        if (find === '') return call.fail('type', 'Replace: oldValue must not be empty', FIND);
        return (scalar(call, TEMPLATE) ?? '').split(find).join(source);
      }
      if (has(REPLACEMENT) && !has(TEMPLATE)) {
        const source = scalar(call, SOURCE);
        if (find === '') return call.fail('type', 'Replace: oldValue must not be empty', FIND);
        if (source === null) return null;
        return source.split(find).join(scalar(call, REPLACEMENT) ?? '');
      }
      return unsupported(call);
    }
    if (has(REGEX) && !has(FIND) && !has(TEMPLATE)) {
      const regex = compile(call);
      if (has(GROUP) && has(PROPERTY) && !has(REPLACEMENT)) {
        const group = groupOf(call, regex);
        const source = scalar(call, SOURCE);
        if (source !== null && source !== '') return source;
        const other = scalar(call, PROPERTY);
        if (other === null) return source;
        return extractGroup(regex, other, group) ?? source;
      }
      if (has(REPLACEMENT) && !has(PROPERTY)) {
        const replacement = scalar(call, REPLACEMENT) ?? '';
        const group = has(GROUP) ? groupOf(call, regex) : undefined;
        const source = scalar(call, SOURCE);
        if (source === null) return null;
        return group === undefined ? replaceAll(regex, source, replacement) : replaceGroup(regex, source, group, replacement);
      }
      return unsupported(call);
    }
    return unsupported(call);
  },
};
