// A JSON syntax tree with offsets for mapping documents. jsonc-parser's Node shape (type, offset, length,
// colonOffset, parent, children, value), built by a scanner and parser written for this job instead of jsonc-parser's
// parseTree, for three reasons:
//  * speed: a 2,000-mapping job schema is 1–5 MB, most of it Graph's parsed copies of the expressions
//    (`source.parameters`) and metadata lists the editor never looks into. Those values are skipped — scanned for
//    their extent, not built (`lazy` nodes) — which makes a full parse several times cheaper than parseTree's;
//  * safety: parseTree recurses once per nesting level, so a broken or hostile document with 100k `[` overflows the
//    stack. This parser is iterative and stops building below MAX_JSON_DEPTH (reported, not thrown);
//  * incremental updates: one container can be re-parsed in place (reparseIncrementally).
// The tree is for positions and the editor's model; values of skipped parts come from JSON.parse of their text.
import type { NodeType } from 'jsonc-parser';
import { mapJsonStringOffsets } from '../expression/jsonOffsets';

/** jsonc-parser's Node shape, mutable; `lazy` containers were skipped (their `children` are empty). */
export interface JsonNode {
  type: NodeType;
  /** Literal value (string, number, boolean, null); property keys are string nodes too. */
  value?: unknown;
  offset: number;
  length: number;
  colonOffset?: number;
  parent?: JsonNode;
  children?: JsonNode[];
  lazy?: boolean;
}

/** Containers nested deeper than this are skipped (reported, not built). Real documents nest about 15 levels. */
export const MAX_JSON_DEPTH = 256;

/**
 * Values of these properties are skipped, not built: Graph's parsed expression trees (`parameters`), metadata and
 * reference lists. Nothing in the editor navigates into them; checks that need them read their text.
 */
export const LAZY_PROPERTIES: ReadonlySet<string> = new Set(['parameters', 'metadata', 'referencedObjects', 'apiExpressions']);

export interface JsonSyntaxProblem {
  offset: number;
  length: number;
  message: string;
}

export interface JsonTree {
  root: JsonNode | undefined;
  /** Syntax problems (the JSON service reports these to the user; the analyzer only needs to know there were some). */
  errors: JsonSyntaxProblem[];
  /** Containers skipped because they nest deeper than MAX_JSON_DEPTH: [offset, offset + length). */
  tooDeep: JsonSyntaxProblem[];
}

// Token kinds.
const T_OPEN_BRACE = 1;
const T_CLOSE_BRACE = 2;
const T_OPEN_BRACKET = 3;
const T_CLOSE_BRACKET = 4;
const T_COMMA = 5;
const T_COLON = 6;
const T_NULL = 7;
const T_TRUE = 8;
const T_FALSE = 9;
const T_STRING = 10;
const T_NUMBER = 11;
const T_INVALID = 16;
const T_EOF = 17;

const enum State {
  Key,
  Colon,
  Value,
  Comma,
}

interface Frame {
  node: JsonNode;
  state: State;
  /** The property whose value is being read (objects). */
  property: JsonNode | undefined;
  /** A comma was just read (for trailing-comma errors). */
  afterComma: boolean;
}

function newNode(type: NodeType, offset: number, length: number, parent: JsonNode | undefined): JsonNode {
  // One object shape for every node keeps property access monomorphic.
  return { type, offset, length, parent, children: undefined, value: undefined, colonOffset: undefined, lazy: undefined };
}

const isDigit = (c: number) => c >= 48 && c <= 57;

class Scanner {
  pos: number;
  token = T_EOF;
  tokenStart = 0;
  tokenEnd = 0;
  /** Decoded string / number value of the current token. */
  value: string | number | undefined;
  /** A problem with the current token (unterminated string, bad escape, comment, stray character). */
  problem: string | undefined;
  /** Inside skipContainer(): tokens are only delimited, values aren't decoded. */
  private skipping = false;

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  scan(): number {
    const text = this.text;
    const end = this.end;
    let i = this.pos;
    this.problem = undefined;
    this.value = undefined;
    for (;;) {
      // Whitespace and (non-JSON, reported) comments.
      while (i < end) {
        const c = text.charCodeAt(i);
        if (c === 32 || c === 10 || c === 13 || c === 9) i++;
        else break;
      }
      if (i < end - 1 && text.charCodeAt(i) === 47 && (text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 42)) {
        const block = text.charCodeAt(i + 1) === 42;
        const close = block ? text.indexOf('*/', i + 2) : text.indexOf('\n', i + 2);
        i = close < 0 || close >= end ? end : block ? close + 2 : close;
        this.problem = 'Comments are not permitted in JSON';
        continue;
      }
      break;
    }
    this.tokenStart = i;
    if (i >= end) {
      this.pos = this.tokenEnd = end;
      return (this.token = T_EOF);
    }
    const c = text.charCodeAt(i);
    let kind: number;
    switch (c) {
      case 123:
        kind = T_OPEN_BRACE;
        i++;
        break;
      case 125:
        kind = T_CLOSE_BRACE;
        i++;
        break;
      case 91:
        kind = T_OPEN_BRACKET;
        i++;
        break;
      case 93:
        kind = T_CLOSE_BRACKET;
        i++;
        break;
      case 44:
        kind = T_COMMA;
        i++;
        break;
      case 58:
        kind = T_COLON;
        i++;
        break;
      case 34: {
        kind = T_STRING;
        i = this.scanString(i);
        break;
      }
      default:
        if (c === 45 || isDigit(c)) {
          kind = T_NUMBER;
          let j = i + 1;
          while (j < end) {
            const d = text.charCodeAt(j);
            if (isDigit(d) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) j++;
            else break;
          }
          if (!this.skipping) {
            const number = Number(text.slice(i, j));
            if (Number.isNaN(number)) this.problem = 'Invalid number';
            this.value = number;
          }
          i = j;
        } else if (text.startsWith('true', i)) {
          kind = T_TRUE;
          i += 4;
        } else if (text.startsWith('false', i)) {
          kind = T_FALSE;
          i += 5;
        } else if (text.startsWith('null', i)) {
          kind = T_NULL;
          i += 4;
        } else {
          kind = T_INVALID;
          // A run of word characters is one bad token (`undefined`), anything else one character.
          let j = i + 1;
          if (/\w/.test(text[i]!)) while (j < end && /\w/.test(text[j]!)) j++;
          this.problem = `Unexpected '${text.slice(i, Math.min(j, i + 20))}'`;
          i = j;
        }
    }
    if ((kind === T_TRUE || kind === T_FALSE || kind === T_NULL) && i < end && /\w/.test(text[i]!)) {
      while (i < end && /\w/.test(text[i]!)) i++;
      kind = T_INVALID;
      this.problem = `Unexpected '${text.slice(this.tokenStart, Math.min(i, this.tokenStart + 20))}'`;
    }
    this.pos = this.tokenEnd = i;
    return (this.token = kind);
  }

  /** Scans the string literal starting at `start` (the quote); sets value/problem; returns the end offset. */
  private scanString(start: number): number {
    const text = this.text;
    const end = this.end;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      if (i >= end) {
        this.problem = 'Unterminated string';
        break;
      }
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        break;
      }
      if (c === 92) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c === 10 || c === 13) {
        this.problem = 'Unterminated string';
        break;
      }
      i++;
    }
    if (i > end) i = end;
    if (this.skipping) return i;
    if (!escaped) this.value = text.slice(start + 1, this.problem ? i : i - 1);
    else if (!this.problem) {
      try {
        this.value = JSON.parse(text.slice(start, i)) as string;
      } catch {
        this.value = mapJsonStringOffsets(text.slice(start, i)).value;
        this.problem = 'Invalid escape character in string';
      }
    } else this.value = mapJsonStringOffsets(text.slice(start, i)).value;
    return i;
  }

  /**
   * Skips the container whose opening bracket is the current token, up to its matching close. Returns false when the
   * brackets don't match (the scanner then stands at the offending token).
   */
  skipContainer(): boolean {
    const brackets: number[] = [this.token === T_OPEN_BRACE ? T_CLOSE_BRACE : T_CLOSE_BRACKET];
    this.skipping = true;
    try {
      while (brackets.length > 0) {
        const token = this.scan();
        if (token === T_EOF) return false;
        if (token === T_OPEN_BRACE) brackets.push(T_CLOSE_BRACE);
        else if (token === T_OPEN_BRACKET) brackets.push(T_CLOSE_BRACKET);
        else if (token === T_CLOSE_BRACE || token === T_CLOSE_BRACKET) {
          if (brackets[brackets.length - 1] !== token) return false;
          brackets.pop();
        }
      }
      return true;
    } finally {
      this.skipping = false;
    }
  }
}

/**
 * Parses `text[start, end)` (default: all of it) into a tree whose offsets are positions in `text`. Never throws;
 * broken text gives a best-effort tree plus `errors`. `depthOffset` is the depth of the text's first value (for
 * re-parsing a nested container).
 */
export function parseJsonTree(text: string, start = 0, end = text.length, depthOffset = 0): JsonTree {
  const scanner = new Scanner(text, start, end);
  const errors: JsonSyntaxProblem[] = [];
  const tooDeep: JsonSyntaxProblem[] = [];
  const stack: Frame[] = [];
  let root: JsonNode | undefined;
  let trailingReported = false;
  /** The scanner already stands at the next token to handle (after a skip stopped at a mismatched bracket). */
  let pending = false;

  const error = (offset: number, length: number, message: string): void => {
    errors.push({ offset, length, message });
  };

  /** Places a finished value (literal or newly opened container) into the current frame. */
  const attach = (node: JsonNode): void => {
    const frame = stack[stack.length - 1];
    if (!frame) {
      if (root === undefined) root = node;
      else if (!trailingReported) {
        trailingReported = true;
        error(node.offset, node.length, 'End of file expected');
      }
      return;
    }
    if (frame.node.type === 'array') {
      node.parent = frame.node;
      frame.node.children!.push(node);
    } else {
      const property = frame.property!;
      node.parent = property;
      property.children!.push(node);
      property.length = node.offset + node.length - property.offset;
    }
    frame.state = State.Comma;
    frame.afterComma = false;
  };

  const close = (frame: Frame, endOffset: number): void => {
    const node = frame.node;
    node.length = endOffset - node.offset;
    const parent = node.parent;
    if (parent?.type === 'property') parent.length = endOffset - parent.offset;
  };

  /** Skips a container without building it (too deep, or a lazy property's value). */
  const skip = (openOffset: number, lazy: boolean): void => {
    const type = scanner.token === T_OPEN_BRACE ? 'object' : 'array';
    const matched = scanner.skipContainer();
    const last = matched ? scanner.tokenEnd : scanner.tokenStart;
    if (!matched) error(scanner.tokenStart, 0, type === 'object' ? 'Expected }' : 'Expected ]');
    const node = newNode(type, openOffset, last - openOffset, undefined);
    node.children = [];
    node.lazy = true;
    if (!lazy) tooDeep.push({ offset: openOffset, length: last - openOffset, message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` });
    attach(node);
    // A mismatched close (or the end) is handled by the main loop.
    if (!matched) pending = true;
  };

  /** Starts a value at the current token; returns false when the token can't start one. */
  const startValue = (token: number): boolean => {
    const offset = scanner.tokenStart;
    const length = scanner.tokenEnd - offset;
    switch (token) {
      case T_OPEN_BRACE:
      case T_OPEN_BRACKET: {
        const frame = stack[stack.length - 1];
        const key = frame?.property?.children![0]!.value as string | undefined;
        if (key !== undefined && frame!.node.type === 'object' && LAZY_PROPERTIES.has(key)) {
          skip(offset, true);
          return true;
        }
        if (stack.length + depthOffset >= MAX_JSON_DEPTH) {
          skip(offset, false);
          return true;
        }
        const node = newNode(token === T_OPEN_BRACE ? 'object' : 'array', offset, 1, undefined);
        node.children = [];
        attach(node);
        stack.push({ node, state: token === T_OPEN_BRACE ? State.Key : State.Value, property: undefined, afterComma: false });
        return true;
      }
      case T_STRING: {
        const node = newNode('string', offset, length, undefined);
        node.value = scanner.value;
        attach(node);
        return true;
      }
      case T_NUMBER: {
        const node = newNode('number', offset, length, undefined);
        node.value = scanner.value;
        attach(node);
        return true;
      }
      case T_TRUE:
      case T_FALSE: {
        const node = newNode('boolean', offset, length, undefined);
        node.value = token === T_TRUE;
        attach(node);
        return true;
      }
      case T_NULL: {
        const node = newNode('null', offset, length, undefined);
        node.value = null;
        attach(node);
        return true;
      }
      default:
        return false;
    }
  };

  /** Closes frames up to and including the innermost one of `type`; false if there is none. */
  const closeUpTo = (type: 'object' | 'array', closeOffset: number): boolean => {
    let index = stack.length - 1;
    while (index >= 0 && stack[index]!.node.type !== type) index--;
    if (index < 0) return false;
    while (stack.length > index + 1) close(stack.pop()!, closeOffset);
    close(stack.pop()!, closeOffset + 1);
    return true;
  };

  for (;;) {
    const token = pending ? scanner.token : scanner.scan();
    pending = false;
    const offset = scanner.tokenStart;
    if (token === T_EOF) break;
    const length = scanner.tokenEnd - offset;
    if (scanner.problem !== undefined) error(offset, length, scanner.problem);

    const frame = stack[stack.length - 1];
    if (!frame) {
      if (!startValue(token)) error(offset, length, root === undefined ? 'Value expected' : 'End of file expected');
      continue;
    }

    if (token === T_CLOSE_BRACE || token === T_CLOSE_BRACKET) {
      const type = token === T_CLOSE_BRACE ? 'object' : 'array';
      if (frame.node.type === type) {
        if (frame.afterComma) error(offset, length, 'Trailing comma');
        else if (type === 'object' && (frame.state === State.Colon || frame.state === State.Value)) {
          error(offset, length, frame.state === State.Colon ? 'Colon expected' : 'Value expected');
        }
        stack.pop();
        close(frame, offset + 1);
      } else {
        error(offset, length, type === 'object' ? 'Unexpected }' : 'Unexpected ]');
        closeUpTo(type, offset);
      }
      continue;
    }

    if (frame.node.type === 'array') {
      if (token === T_COMMA) {
        if (frame.state !== State.Comma) error(offset, length, 'Value expected');
        frame.state = State.Value;
        frame.afterComma = true;
        continue;
      }
      if (frame.state === State.Comma) error(offset, length, 'Comma expected');
      if (!startValue(token)) error(offset, length, 'Value expected');
      continue;
    }

    // Objects.
    switch (frame.state) {
      case State.Key:
      case State.Comma:
        if (token === T_COMMA) {
          if (frame.state === State.Key) error(offset, length, 'Property expected');
          frame.state = State.Key;
          frame.afterComma = true;
          break;
        }
        if (token === T_STRING) {
          if (frame.state === State.Comma) error(offset, length, 'Comma expected');
          const property = newNode('property', offset, length, frame.node);
          const key = newNode('string', offset, length, property);
          key.value = scanner.value;
          property.children = [key];
          frame.node.children!.push(property);
          frame.property = property;
          frame.state = State.Colon;
          frame.afterComma = false;
          break;
        }
        error(offset, length, 'Property expected');
        // A stray container would unbalance everything after it: read it as the value of a nameless property.
        if (token === T_OPEN_BRACE || token === T_OPEN_BRACKET) {
          const orphan = newNode('property', offset, 0, frame.node);
          const key = newNode('string', offset, 0, orphan);
          key.value = '';
          orphan.children = [key];
          frame.node.children!.push(orphan);
          frame.property = orphan;
          startValue(token);
        }
        break;
      case State.Colon:
        if (token === T_COLON) {
          frame.property!.colonOffset = offset;
          frame.state = State.Value;
          break;
        }
        error(offset, length, 'Colon expected');
        if (token === T_COMMA) {
          frame.state = State.Key;
          frame.afterComma = true;
        } else startValue(token);
        break;
      case State.Value:
        if (token === T_COMMA) {
          error(offset, length, 'Value expected');
          frame.state = State.Key;
          frame.afterComma = true;
          break;
        }
        if (!startValue(token)) error(offset, length, 'Value expected');
        break;
    }
  }

  if (stack.length > 0) {
    const at = Math.min(end, text.length);
    error(at, 0, stack[stack.length - 1]!.node.type === 'object' ? 'Expected }' : 'Expected ]');
    while (stack.length > 0) close(stack.pop()!, at);
  }
  if (root === undefined && errors.length === 0) error(start, 0, 'Value expected');
  return { root, errors, tooDeep };
}

/** The value of a node: JSON.parse of its text (lazy parts included); undefined when the text isn't valid JSON. */
export function nodeValue(text: string, node: JsonNode): unknown {
  try {
    return JSON.parse(text.slice(node.offset, node.offset + node.length)) as unknown;
  } catch {
    return undefined;
  }
}

// ---- navigation -----------------------------------------------------------------------------------------------------

/** The value of property `key` of an object node (undefined when absent or the node isn't an object). */
export function propertyValue(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  const children = node.children;
  for (let i = 0; i < children.length; i++) {
    const property = children[i]!;
    if (property.children![0]!.value === key) return property.children![1];
  }
  return undefined;
}

/** The property node (key + value) named `key`. */
export function propertyNode(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  for (const property of node.children) if (property.children![0]!.value === key) return property;
  return undefined;
}

/** A string property's value, or undefined. */
export function stringProperty(node: JsonNode | undefined, key: string): string | undefined {
  const value = propertyValue(node, key);
  return value?.type === 'string' ? (value.value as string) : undefined;
}

/** The elements of an array property (empty when absent or not an array). */
export function arrayProperty(node: JsonNode | undefined, key: string): JsonNode[] {
  const value = propertyValue(node, key);
  return value?.type === 'array' ? value.children! : [];
}

/** The deepest node whose range contains `offset` (start inclusive, end inclusive for the cursor-after case). */
export function nodeAtOffset(root: JsonNode | undefined, offset: number): JsonNode | undefined {
  if (!root || offset < root.offset || offset > root.offset + root.length) return undefined;
  let node = root;
  for (;;) {
    const children = node.children;
    if (!children || children.length === 0) return node;
    // Binary search for the last child starting at or before offset.
    let lo = 0;
    let hi = children.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (children[mid]!.offset <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return node;
    const child = children[found]!;
    if (offset > child.offset + child.length) return node;
    // At a boundary between `a` and `,b`, prefer the child that actually contains it strictly when possible.
    if (offset === child.offset + child.length && child.type !== 'string' && child.type !== 'property' && child.type !== 'number') return node;
    node = child;
  }
}

/** The key/index path from the root to `node`. */
export function pathOf(node: JsonNode): (string | number)[] {
  const path: (string | number)[] = [];
  let current: JsonNode = node;
  while (current.parent) {
    const parent: JsonNode = current.parent;
    if (parent.type === 'property') {
      if (parent.children![1] === current || parent.children![0] === current) path.push(parent.children![0]!.value as string);
      current = parent.parent!;
      continue;
    }
    if (parent.type === 'array') path.push(parent.children!.indexOf(current));
    current = parent;
  }
  return path.reverse();
}

/** Calls `visit` for every node under (and including) `node`, without recursion. */
export function forEachNode(node: JsonNode, visit: (node: JsonNode) => void): void {
  const stack: JsonNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    visit(current);
    const children = current.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/** Depth of `node` (the root is 0). */
export function depthOf(node: JsonNode): number {
  let depth = 0;
  for (let p = node.parent; p; p = p.parent) if (p.type !== 'property') depth++;
  return depth;
}

// ---- incremental re-parse -------------------------------------------------------------------------------------------

export interface TextChange {
  /** Start of the changed range (same in the old and the new text). */
  start: number;
  /** End of the replaced range in the old text. */
  oldEnd: number;
  /** End of the inserted text in the new text. */
  newEnd: number;
}

/** The single changed range between two texts (common prefix and suffix removed). */
export function diffTexts(oldText: string, newText: string): TextChange | undefined {
  if (oldText === newText) return undefined;
  const max = Math.min(oldText.length, newText.length);
  // Whole chunks first (native string comparison is far faster than a charCodeAt loop on megabytes), then characters.
  const CHUNK = 4096;
  let start = 0;
  while (start + CHUNK <= max && oldText.slice(start, start + CHUNK) === newText.slice(start, start + CHUNK)) start += CHUNK;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oldEnd = oldText.length;
  let newEnd = newText.length;
  while (oldEnd - CHUNK >= start && newEnd - CHUNK >= start && oldText.slice(oldEnd - CHUNK, oldEnd) === newText.slice(newEnd - CHUNK, newEnd)) {
    oldEnd -= CHUNK;
    newEnd -= CHUNK;
  }
  while (oldEnd > start && newEnd > start && oldText.charCodeAt(oldEnd - 1) === newText.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd };
}

/**
 * Applies `change` to a tree parsed without errors by re-parsing only the innermost container that encloses the
 * change strictly inside its brackets. The container keeps its identity (its children are replaced), every node after
 * it moves by the length difference. Returns the container, or undefined when the change can't be applied locally
 * (the caller then parses the whole text): the tree is left untouched in that case.
 */
export function reparseIncrementally(root: JsonNode, newText: string, change: TextChange): JsonNode | undefined {
  // Innermost container with offset < start and oldEnd <= its closing bracket.
  let container: JsonNode | undefined;
  let node: JsonNode | undefined = root;
  // A lazy container is never re-parsed on its own (as a root it would be built): its parent is.
  while (node && !node.lazy) {
    if ((node.type === 'object' || node.type === 'array') && node.offset < change.start && change.oldEnd <= node.offset + node.length - 1) {
      container = node;
    } else if (node.type === 'object' || node.type === 'array') break;
    const children: JsonNode[] | undefined = node.children;
    let next: JsonNode | undefined;
    if (children) {
      for (let lo = 0, hi = children.length - 1; lo <= hi; ) {
        const mid = (lo + hi) >> 1;
        const child = children[mid]!;
        if (child.offset + child.length < change.start) lo = mid + 1;
        else if (child.offset > change.oldEnd) hi = mid - 1;
        else {
          // The change must lie within this one child to descend into it.
          next = child.offset <= change.start && change.oldEnd <= child.offset + child.length ? child : undefined;
          break;
        }
      }
    }
    node = next;
  }
  if (!container) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const newLength = container.length + delta;
  const depth = depthOf(container);
  const reparsed = parseJsonTree(newText, container.offset, container.offset + newLength, depth);
  const fresh = reparsed.root;
  if (reparsed.errors.length > 0 || reparsed.tooDeep.length > 0 || !fresh || fresh.type !== container.type || fresh.length !== newLength) return undefined;

  // Move everything after the container, then swap in the new children.
  shiftAfter(container, delta);
  container.children = fresh.children;
  for (const child of container.children!) child.parent = container;
  container.length = newLength;
  for (let p = container.parent; p; p = p.parent) p.length += delta;
  return container;
}

/** Shifts every node that starts after `node` (siblings after it and their subtrees, up the ancestry) by `delta`. */
function shiftAfter(node: JsonNode, delta: number): void {
  if (delta === 0) return;
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    const siblings = parent.children!;
    const from = siblings.indexOf(child) + 1;
    for (let i = from; i < siblings.length; i++) {
      forEachNode(siblings[i]!, (n) => {
        n.offset += delta;
        if (n.colonOffset !== undefined) n.colonOffset += delta;
      });
    }
  }
}
