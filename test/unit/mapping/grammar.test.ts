// The expression TextMate grammar on its own and injected into the "expression" values of JSON mapping documents,
// tokenized by VS Code's own engine (vscode-textmate + oniguruma) against VS Code's JSON grammar.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { MAPPING_FUNCTIONS } from '../../../src/sandbox/tenant/templates';
import { repoRoot } from './jsonSchemaHarness';
import {
  createRegistry,
  describeTokens,
  EXPRESSION_SCOPE,
  innermost,
  jsonGrammarPath,
  JSON_SCOPE,
  loadGrammar,
  tokenize,
  tokensWithText,
  type Token,
} from './textmateHarness';

const S = 'entra-expression';

describe('Expression grammar (source.entra-expression)', () => {
  let grammar: IGrammar;
  const tokens = (text: string): Token[] => tokenize(grammar, text);

  before(async () => {
    grammar = await loadGrammar(createRegistry(), EXPRESSION_SCOPE);
  });

  it('scopes a known function call, its parentheses, string constants, attributes and commas', () => {
    const t = tokens('Join(" ", [givenName], [surname])');
    assert.deepEqual(innermost(t, 'Join'), [`support.function.${S}`]);
    assert.deepEqual(innermost(t, '('), [`punctuation.definition.arguments.begin.${S}`]);
    assert.deepEqual(innermost(t, ')'), [`punctuation.definition.arguments.end.${S}`]);
    assert.deepEqual(innermost(t, '"'), [`punctuation.definition.string.begin.${S}`, `punctuation.definition.string.end.${S}`]);
    assert.deepEqual(tokensWithText(t, ' ')[0]!.scopes.slice(1), [`string.quoted.double.${S}`]);
    assert.deepEqual(innermost(t, 'givenName'), [`variable.other.attribute.${S}`]);
    assert.deepEqual(innermost(t, '['), [`punctuation.definition.variable.begin.${S}`, `punctuation.definition.variable.begin.${S}`]);
    assert.deepEqual(innermost(t, ','), [`punctuation.separator.arguments.${S}`, `punctuation.separator.arguments.${S}`]);
  });

  it('knows every function of the Graph functions list, and only those, case-sensitively', () => {
    for (const { name } of MAPPING_FUNCTIONS) {
      assert.deepEqual(innermost(tokens(`${name}([x])`), name), [`support.function.${S}`], name);
    }
    // Unknown, mis-cased, Cloud Sync only, or a longer name that starts with a known one.
    for (const name of ['Frobnicate', 'join', 'Trim', 'ConvertFromBase64', 'Joins', 'MyJoin']) {
      assert.deepEqual(innermost(tokens(`${name}([x])`), name), [`entity.name.function.${S}`], name);
    }
  });

  it('lists exactly the sandbox functions catalogue in the grammar', () => {
    const raw = JSON.parse(readFileSync(join(repoRoot, 'syntaxes', 'entra-expression.tmLanguage.json'), 'utf8')) as {
      repository: Record<string, { match: string }>;
    };
    const names = /^\(([^)]*)\)/.exec(raw.repository['known-function']!.match)![1]!.split('|');
    assert.deepEqual([...names].sort(), MAPPING_FUNCTIONS.map((f) => f.name).sort());
  });

  it('allows whitespace between a function name and its parenthesis', () => {
    assert.deepEqual(innermost(tokens('ToLower ([mail])'), 'ToLower'), [`support.function.${S}`]);
  });

  it('scopes attribute names with dots and directory extensions', () => {
    const t = tokens('Coalesce([passwordProfile.password], [extension_d7a076d91c104133b712ad6caf3819c9_SkillSet])');
    assert.deepEqual(innermost(t, 'passwordProfile.password'), [`variable.other.attribute.${S}`]);
    assert.deepEqual(innermost(t, 'extension_d7a076d91c104133b712ad6caf3819c9_SkillSet'), [`variable.other.attribute.${S}`]);
  });

  it('scopes \\" and \\\\ escapes inside string constants and keeps the constant open past them', () => {
    const t = tokens('Append("Company name: \\"Contoso\\"", "C:\\\\dir")');
    assert.deepEqual(innermost(t, '\\"'), [`constant.character.escape.${S}`, `constant.character.escape.${S}`]);
    assert.deepEqual(innermost(t, '\\\\'), [`constant.character.escape.${S}`]);
    assert.deepEqual(tokensWithText(t, 'Contoso')[0]!.scopes.slice(1), [`string.quoted.double.${S}`]);
    // After both constants the call closes as code again.
    assert.deepEqual(innermost(t, ')'), [`punctuation.definition.arguments.end.${S}`]);
  });

  it('keeps doubled regex backslashes inside the constant', () => {
    const t = tokens('Replace([mobile], , "\\\\+(?<isdCode>\\\\d* )", , "${isdCode}", , )');
    assert.equal(innermost(t, '\\\\').length, 2);
    assert.deepEqual(tokensWithText(t, '+(?<isdCode>')[0]!.scopes.slice(1), [`string.quoted.double.${S}`]);
  });

  it('scopes integers, negative numbers, large numbers and &H hex literals', () => {
    assert.deepEqual(innermost(tokens('Mid([x], 1, 3)'), '1'), [`constant.numeric.decimal.${S}`]);
    assert.deepEqual(innermost(tokens('DateAdd("d", -10, [d])'), '-10'), [`constant.numeric.decimal.${S}`]);
    assert.deepEqual(innermost(tokens('DateFromNum(129699324000000000)'), '129699324000000000'), [`constant.numeric.decimal.${S}`]);
    const hex = tokens('BitAnd(&HF, &HF7)');
    assert.deepEqual(innermost(hex, '&HF'), [`constant.numeric.hex.${S}`]);
    assert.deepEqual(innermost(hex, '&HF7'), [`constant.numeric.hex.${S}`]);
  });

  it('scopes bare enum words, and other bare words apart from them', () => {
    assert.deepEqual(innermost(tokens('InStr([x], "a", 1, vbTextCompare)'), 'vbTextCompare'), [`support.constant.${S}`]);
    assert.deepEqual(innermost(tokens('InStr([x], "a", 1, vbBinaryCompare)'), 'vbBinaryCompare'), [`support.constant.${S}`]);
    assert.deepEqual(innermost(tokens('ConvertFromBase64("SGk=", UTF8)'), 'UTF8'), [`support.constant.${S}`]);
    assert.deepEqual(innermost(tokens('Not(True)'), 'True'), [`constant.other.bare-word.${S}`]);
    assert.deepEqual(innermost(tokens('InStr([x], "a", 1, vbTextCompareX)'), 'vbTextCompareX'), [`constant.other.bare-word.${S}`]);
  });

  it('scopes every comparison operator', () => {
    for (const op of ['=', '<>', '>', '>=', '<', '<=']) {
      const t = tokens(`IIF([a]${op}"x", "1", "0")`);
      assert.deepEqual(innermost(t, op), [`keyword.operator.comparison.${S}`], op);
    }
    assert.deepEqual(innermost(tokens('IIF(DateDiff("d", Now(), CDate([h])) > 5, "False", "True")'), '>'), [
      `keyword.operator.comparison.${S}`,
    ]);
  });

  it('tells & concatenation from &H hex', () => {
    const t = tokens('IIF([employeeType]="Intern","t-" & [alias],[alias])');
    assert.deepEqual(innermost(t, '&'), [`keyword.operator.concatenation.${S}`]);
    const notHex = tokens('"a" &HelloWorld');
    assert.deepEqual(innermost(notHex, '&'), [`keyword.operator.concatenation.${S}`]);
    assert.deepEqual(innermost(notHex, 'HelloWorld'), [`constant.other.bare-word.${S}`]);
  });

  it('marks the commas after which an optional argument is left out', () => {
    const t = tokens('Replace([mail], "@contoso.com", , ,"", ,)');
    const commas = t.filter((x) => x.text === ',').map((x) => x.scopes[x.scopes.length - 1]);
    assert.deepEqual(commas, [
      `punctuation.separator.arguments.${S}`,
      `punctuation.separator.arguments.omitted.${S}`,
      `punctuation.separator.arguments.omitted.${S}`,
      `punctuation.separator.arguments.${S}`,
      `punctuation.separator.arguments.omitted.${S}`,
      `punctuation.separator.arguments.omitted.${S}`,
    ]);
    const switchTokens = tokens('Switch([Active], , "1", "True")');
    assert.equal(switchTokens.filter((x) => x.scopes.includes(`punctuation.separator.arguments.omitted.${S}`)).length, 1);
  });

  it('flags characters that mean nothing in an expression, such as single quotes', () => {
    assert.deepEqual(innermost(tokens("Append([a], 'x')"), "'"), [`invalid.illegal.character.${S}`, `invalid.illegal.character.${S}`]);
    assert.deepEqual(innermost(tokens('Append([a]; "x")'), ';'), [`invalid.illegal.character.${S}`]);
  });

  it('carries state across lines of a multi-line expression', () => {
    const t = tokens('SelectUniqueValue(\n  Join("@", NormalizeDiacritics(StripSpaces([givenName])), "contoso.com"),\n  Join("@", Mid([givenName], 1, 1), "contoso.com")\n)');
    assert.deepEqual(innermost(t, 'SelectUniqueValue'), [`support.function.${S}`]);
    assert.deepEqual(innermost(t, 'Mid'), [`support.function.${S}`]);
    assert.deepEqual(
      t.filter((x) => x.text === 'contoso.com').map((x) => x.scopes[x.scopes.length - 1]),
      [`string.quoted.double.${S}`, `string.quoted.double.${S}`],
    );
    assert.equal(t[t.length - 1]!.scopes[t[t.length - 1]!.scopes.length - 1], `punctuation.definition.arguments.end.${S}`);
  });
});

describe('Expression grammar injected into JSON mapping documents', () => {
  let json: IGrammar;
  let plainJson: IGrammar;
  const tokens = (text: string): Token[] => tokenize(json, text);
  /** The tokens of one line of the document (0-based). */
  const line = (t: Token[], n: number): Token[] => t.filter((x) => x.line === n);

  before(async function () {
    // A clear failure, not a skip: the unit tier runs after the runner installed code-server.
    assert.ok(existsSync(jsonGrammarPath), `VS Code's JSON grammar is missing at ${jsonGrammarPath}; install code-server (node out/test/runner/all.js does)`);
    json = await loadGrammar(createRegistry(), JSON_SCOPE);
    plainJson = await loadGrammar(createRegistry({ withInjection: false }), JSON_SCOPE);
  });

  // Lines: 0 {, 1 "attributeMappings": [, 2 {, 3 "source": {, 4 expression, 5 name, 6 parameters, 7 type, 8 }, 9 target…
  const mappingDocument = [
    '{',
    '  "attributeMappings": [',
    '    {',
    '      "source": {',
    '        "expression": "Join(\\" \\", [givenName], \\"say \\\\\\"hi\\\\\\"\\", \\"C:\\\\\\\\dir\\", &HF7, 5)",',
    '        "name": "Join",',
    '        "parameters": [],',
    '        "type": "Function"',
    '      },',
    '      "targetAttributeName": "displayName"',
    '    }',
    '  ]',
    '}',
  ].join('\n');

  it('tokenizes the value of an "expression" key as an expression', () => {
    const t = line(tokens(mappingDocument), 4);
    assert.deepEqual(innermost(t, 'Join'), [`support.function.${S}`]);
    assert.deepEqual(innermost(t, 'givenName'), [`variable.other.attribute.${S}`]);
    assert.deepEqual(innermost(t, '&HF7'), [`constant.numeric.hex.${S}`]);
    assert.deepEqual(innermost(t, '5'), [`constant.numeric.decimal.${S}`]);
    const join = tokensWithText(t, 'Join')[0]!;
    // Still a JSON string value to VS Code (auto-closing and bracket matching keep treating it as one).
    assert.ok(join.scopes.includes('string.quoted.double.json'), describeTokens(t));
    assert.ok(join.scopes.includes('meta.structure.dictionary.value.json'), describeTokens(t));
    assert.ok(join.scopes.includes(`meta.expression.${S}`), describeTokens(t));
  });

  it('reads the expression string constants through the JSON escaping: \\" delimits, \\\\\\" and \\\\\\\\ are escapes', () => {
    const t = line(tokens(mappingDocument), 4);
    // \" opens and closes the expression constants " ", "say \"hi\"" and "C:\\dir".
    assert.deepEqual(innermost(t, '\\"'), [
      `punctuation.definition.string.begin.${S}`,
      `punctuation.definition.string.end.${S}`,
      `punctuation.definition.string.begin.${S}`,
      `punctuation.definition.string.end.${S}`,
      `punctuation.definition.string.begin.${S}`,
      `punctuation.definition.string.end.${S}`,
    ]);
    // The expression's own \" (JSON \\\") and \\ (JSON \\\\) are escapes inside the constant.
    assert.deepEqual(innermost(t, '\\\\\\"'), [`constant.character.escape.${S}`, `constant.character.escape.${S}`]);
    assert.deepEqual(innermost(t, '\\\\\\\\'), [`constant.character.escape.${S}`]);
    assert.deepEqual(innermost(t, 'hi'), [`string.quoted.double.${S}`]);
    // The JSON string ends at the raw quote; the comma after it separates the JSON pair.
    const last = t.filter((x) => x.text.trim() !== '');
    assert.equal(last[last.length - 2]!.text, '"');
    assert.equal(last[last.length - 2]!.scopes[last[last.length - 2]!.scopes.length - 1], 'punctuation.definition.string.end.json');
    assert.equal(last[last.length - 1]!.scopes[last[last.length - 1]!.scopes.length - 1], 'punctuation.separator.dictionary.pair.json');
  });

  it('scopes the "expression" key like any JSON key', () => {
    const t = line(tokens(mappingDocument), 4);
    const key = tokensWithText(t, 'expression')[0]!;
    assert.ok(key.scopes.includes('support.type.property-name.json'), describeTokens(t));
    assert.deepEqual(innermost(t, ':'), ['punctuation.separator.dictionary.key-value.json']);
  });

  it('leaves other string values alone, even ones that look like functions', () => {
    const all = tokens(mappingDocument);
    const name = tokensWithText(line(all, 5), 'Join')[0]!;
    assert.equal(name.scopes[name.scopes.length - 1], 'string.quoted.double.json');
    assert.ok(!name.scopes.some((s) => s.endsWith(S)), describeTokens(line(all, 5)));
    const target = tokensWithText(line(all, 9), 'displayName')[0]!;
    assert.equal(target.scopes[target.scopes.length - 1], 'string.quoted.double.json');
    // And the key after the expression pair is a JSON key again.
    assert.ok(tokensWithText(line(all, 5), 'name')[0]!.scopes.includes('support.type.property-name.json'));
  });

  it('tokenizes the rest of the document exactly as VS Code\'s JSON grammar alone does', () => {
    const injected = tokens(mappingDocument).filter((x) => x.line !== 4);
    const plain = tokenize(plainJson, mappingDocument).filter((x) => x.line !== 4);
    assert.deepEqual(injected, plain);
  });

  it('does not take a string VALUE "expression" for the key', () => {
    const t = tokens('{ "name": "expression", "expression": "[mail]" }');
    const value = tokensWithText(t, 'expression')[0]!;
    assert.ok(!value.scopes.includes('support.type.property-name.json'), describeTokens(t));
    assert.ok(value.scopes.includes('meta.structure.dictionary.value.json'), describeTokens(t));
    assert.deepEqual(innermost(t, 'mail'), [`variable.other.attribute.${S}`]);
  });

  it('ignores differently spelled keys and "expression" text inside other strings', () => {
    const t = tokens('{ "Expression": "Join(\\",\\", [a])", "value": "{\\"expression\\": \\"Join(x)\\"}" }');
    assert.ok(!t.some((x) => x.scopes.some((s) => s.endsWith(S))), describeTokens(t));
  });

  it('ends the JSON string at its closing quote even when an expression constant is unterminated', () => {
    const t = tokens('{\n  "expression": "Join(\\"abc",\n  "name": "Join"\n}');
    const key = tokensWithText(line(t, 2), 'name')[0]!;
    assert.ok(key.scopes.includes('support.type.property-name.json'), describeTokens(t));
    assert.ok(!key.scopes.some((s) => s.endsWith(S)), describeTokens(t));
    assert.deepEqual(innermost(line(t, 1), ','), ['punctuation.separator.dictionary.pair.json']);
  });

  it('handles JSON escapes between tokens (a multi-line expression stored with \\n)', () => {
    const t = tokens('{ "expression": "SelectUniqueValue(\\nJoin(\\"@\\", [a], \\"b\\"),\\n  [c])" }');
    assert.deepEqual(innermost(t, '\\n'), ['constant.character.escape.json', 'constant.character.escape.json']);
    assert.deepEqual(innermost(t, 'Join'), [`support.function.${S}`]);
    assert.deepEqual(innermost(t, 'c'), [`variable.other.attribute.${S}`]);
  });

  it('keeps JSON values other than strings valid after an "expression" key', () => {
    const t = tokens('{ "expression": null, "name": "x" }');
    assert.deepEqual(innermost(t, 'null'), ['constant.language.json']);
    assert.ok(tokensWithText(t, 'name')[0]!.scopes.includes('support.type.property-name.json'));
  });

  it('works at every nesting level of a parse tree and on the document\'s last property', () => {
    const t = tokens(
      '{"source":{"expression":"Not([IsSoftDeleted])","parameters":[{"key":"source","value":{"expression":"[IsSoftDeleted]","name":"IsSoftDeleted"}}]}}',
    );
    assert.deepEqual(innermost(t, 'Not'), [`support.function.${S}`]);
    assert.deepEqual(innermost(t, 'IsSoftDeleted'), [`variable.other.attribute.${S}`, `variable.other.attribute.${S}`, 'string.quoted.double.json']);
    const last = t[t.length - 1]!;
    assert.deepEqual(last.scopes, ['source.json', 'meta.structure.dictionary.json', 'punctuation.definition.dictionary.end.json']);
  });
});

describe('Expression language configuration', () => {
  const config = JSON.parse(
    readFileSync(join(repoRoot, 'syntaxes', 'entra-expression.language-configuration.json'), 'utf8'),
  ) as { brackets: string[][]; autoClosingPairs: { open: string }[]; surroundingPairs: string[][]; wordPattern: string };

  it('pairs parentheses, brackets and quotes', () => {
    assert.deepEqual(config.brackets, [
      ['(', ')'],
      ['[', ']'],
    ]);
    assert.deepEqual(config.autoClosingPairs.map((p) => p.open), ['(', '[', '"']);
    assert.deepEqual(config.surroundingPairs.map((p) => p[0]), ['(', '[', '"']);
  });

  it('has a word pattern that keeps hex, numbers and dotted attribute names whole', () => {
    const word = new RegExp(config.wordPattern, 'g');
    assert.deepEqual('Mid([passwordProfile.password], -10, &HF7)'.match(word), ['Mid', 'passwordProfile.password', '-10', '&HF7']);
  });

  it('is contributed with the grammar for the entra-expression language', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { languages: { id: string; configuration?: string; extensions?: string[] }[]; grammars: { language?: string; scopeName: string }[] };
    };
    const language = manifest.contributes.languages.find((l) => l.id === 'entra-expression');
    assert.ok(language?.configuration && existsSync(join(repoRoot, language.configuration)));
    assert.deepEqual(language.extensions, ['.entra-expr']);
    assert.ok(manifest.contributes.grammars.some((g) => g.language === 'entra-expression' && g.scopeName === EXPRESSION_SCOPE));
  });
});
