// Replace's regular expressions are .NET regular expressions (mapping-expressions.md §4 Replace). JavaScript's engine
// shares the syntax the documented patterns use (classes, quantifiers, named groups `(?<name>…)`); this module
// translates the few .NET-only spellings, rejects what JavaScript can't do, and expands .NET replacement patterns.

export class RegexTranslationError extends Error {}

/**
 * Compiles a .NET pattern to a global JavaScript RegExp (with match indices). Translates `(?'name'…)` groups,
 * `\A`/`\z`/`\Z` anchors and leading inline options such as `(?i)`; throws RegexTranslationError for constructs
 * JavaScript lacks (atomic and balancing groups, inline options mid-pattern, class subtraction) or a bad pattern.
 * Known difference: `\d`/`\w` match ASCII only in JavaScript but any Unicode digit/letter in .NET.
 */
export function compileDotNetRegex(pattern: string): RegExp {
  let flags = 'gd';
  let source = pattern;
  const leading = /^\(\?([imsx]+)\)/.exec(source);
  if (leading) {
    for (const option of leading[1]!) {
      if (option === 'x') throw new RegexTranslationError('The inline option (?x) (ignore pattern whitespace) is not supported');
      if (!flags.includes(option)) flags += option;
    }
    source = source.slice(leading[0].length);
  }

  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined) throw new RegexTranslationError('The pattern ends with a lone backslash');
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && next === 'z') out += '$';
      else if (!inClass && next === 'Z') out += '(?=\\n?$)';
      else out += ch + next;
      i++;
      continue;
    }
    if (inClass) {
      if (ch === '-' && source[i + 1] === '[') throw new RegexTranslationError('Character class subtraction ([a-z-[aeiou]]) is not supported');
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // A ']' right after '[' or '[^' is a literal in .NET.
      if (source[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (source[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '(' && source[i + 1] === '?') {
      const rest = source.slice(i + 2);
      const quoted = /^'([A-Za-z_][A-Za-z0-9_]*)'/.exec(rest);
      if (quoted) {
        out += `(?<${quoted[1]}>`;
        i += 1 + quoted[0].length;
        continue;
      }
      if (rest.startsWith('>')) throw new RegexTranslationError('Atomic groups (?>…) are not supported');
      if (/^<[A-Za-z_][A-Za-z0-9_]*-/.test(rest) || /^'[^']*-/.test(rest)) throw new RegexTranslationError('Balancing groups are not supported');
      if (/^[imnsx-]+[:)]/.test(rest)) throw new RegexTranslationError('Inline options inside the pattern are not supported; put them at the start');
    }
    out += ch;
  }
  if (/\\[pP]\{/.test(out)) flags += 'u';
  try {
    return new RegExp(out, flags);
  } catch (err) {
    throw new RegexTranslationError((err as Error).message.replace(/^Invalid regular expression: /, ''));
  }
}

/** The names of a compiled pattern's named groups. */
export function groupNames(regex: RegExp): string[] {
  const names = new Set<string>();
  for (const m of regex.source.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)) names.add(m[1]!);
  return [...names];
}

/** Expands a .NET replacement pattern (`${name}`, `$1`, `$$`, `$&`, `` $` ``, `$'`, `$+`, `$_`) for one match. */
export function expandReplacement(replacement: string, match: RegExpExecArray, input: string): string {
  if (!replacement.includes('$')) return replacement;
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i]!;
    if (ch !== '$' || i + 1 >= replacement.length) {
      out += ch;
      continue;
    }
    const next = replacement[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '&') {
      out += match[0];
      i++;
    } else if (next === '`') {
      out += input.slice(0, match.index);
      i++;
    } else if (next === "'") {
      out += input.slice(match.index + match[0].length);
      i++;
    } else if (next === '_') {
      out += input;
      i++;
    } else if (next === '+') {
      out += match.length > 1 ? (match[match.length - 1] ?? '') : '';
      i++;
    } else if (next === '{') {
      const close = replacement.indexOf('}', i + 2);
      const name = close > 0 ? replacement.slice(i + 2, close) : '';
      if (close > 0 && /^\d+$/.test(name) && Number(name) < match.length) {
        out += match[Number(name)] ?? '';
        i = close;
      } else if (close > 0 && match.groups && Object.prototype.hasOwnProperty.call(match.groups, name)) {
        out += match.groups[name] ?? '';
        i = close;
      } else out += ch; // not a group: .NET keeps the text literally
    } else if (next >= '0' && next <= '9') {
      // The longest run of digits that names an existing group.
      let end = i + 1;
      while (end < replacement.length && replacement[end]! >= '0' && replacement[end]! <= '9') end++;
      let used = false;
      for (let e = end; e > i + 1; e--) {
        const n = Number(replacement.slice(i + 1, e));
        if (n < match.length) {
          out += match[n] ?? '';
          i = e - 1;
          used = true;
          break;
        }
      }
      if (!used) out += ch;
    } else out += ch;
  }
  return out;
}

/** Regex.Replace(input, pattern, replacement): every match replaced by the expanded replacement. */
export function replaceAll(regex: RegExp, input: string, replacement: string): string {
  return input.replace(regex, (...args: unknown[]) => {
    // Rebuild an exec-style match from String.replace's callback arguments.
    const hasGroups = typeof args[args.length - 1] === 'object' && args[args.length - 1] !== null;
    const groups = hasGroups ? (args[args.length - 1] as Record<string, string | undefined>) : undefined;
    const index = args[args.length - (hasGroups ? 3 : 2)] as number;
    const captures = args.slice(0, args.length - (hasGroups ? 3 : 2)) as (string | undefined)[];
    const match = Object.assign(captures.slice(), { index, input, groups }) as unknown as RegExpExecArray;
    return expandReplacement(replacement, match, input);
  });
}

/**
 * Replace mode 4: within every match, replace only the text the named group captured (the rest of the match stays).
 */
export function replaceGroup(regex: RegExp, input: string, group: string, replacement: string): string {
  let out = '';
  let last = 0;
  regex.lastIndex = 0;
  for (let m = regex.exec(input); m !== null; m = regex.exec(input)) {
    const span = m.indices?.groups?.[group];
    if (span) {
      out += input.slice(last, span[0]) + expandReplacement(replacement, m, input);
      last = span[1];
    }
    if (m[0].length === 0) regex.lastIndex++;
  }
  return out + input.slice(last);
}

/** The text the named group captured in the first match, or undefined when nothing matched. */
export function extractGroup(regex: RegExp, input: string, group: string): string | undefined {
  regex.lastIndex = 0;
  const m = regex.exec(input);
  regex.lastIndex = 0;
  return m?.groups?.[group];
}
