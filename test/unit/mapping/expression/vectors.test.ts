// Every test vector of mapping-expressions.md, labelled with its section and row. Provenance as the reference marks
// it: "doc" (printed by Microsoft: golden), "derived" (computed from the documented rule), "doc?" (printed but
// inconsistent: decided in docs/expression-semantics.md, tested with the decided value).
import assert from 'node:assert/strict';
import { EvaluationError, IGNORE_FLOW, evaluate, seededRandom, type EvaluationValue, type SourceValue } from '../../../../src/mapping/expression';

interface Vector {
  id: string;
  provenance: 'doc' | 'derived' | 'doc?';
  expression: string;
  input?: Record<string, SourceValue>;
  output: EvaluationValue;
  now?: string;
  taken?: string[];
}

const HIRE = { StatusHireDate: '2012-03-16-07:00' };
const NAMES = { PreferredFirstName: 'John', PreferredLastName: 'Smith' };
const UPN_RULE = 'Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com")';
const PHONE = String.raw`"\\+(?<isdCode>\\d* )(?<phoneNumber>\\d{10})"`;
const TIMEZONE_SWITCH = 'Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")';
const PREFIX_SWITCH = 'Switch([prefix], "", "3443", "Dr.", "3444", "Prof.", "3445", "Prof. Dr.")';
const HIRE_GATE = 'Switch([Active], , "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"), "0", "False")';
const SELECT_UNIQUE = `SelectUniqueValue( 
    Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"), 
    Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), "contoso.com"),
    Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 2), [PreferredLastName]))), "contoso.com")
)`;

const VECTORS: Vector[] = [
  // ---- §0 / §2 syntax ----
  { id: '§0 escaped quotes', provenance: 'doc', expression: String.raw`"Company name: \"Contoso\""`, output: 'Company name: "Contoso"' },
  { id: '§0 doubled regex backslashes', provenance: 'doc', expression: String.raw`"\\+(?<isdCode>\\d* )"`, output: String.raw`\+(?<isdCode>\d* )` },

  // ---- §3 cross-cutting ----
  { id: '§3 Join drops empty sources', provenance: 'doc', expression: 'Join(", ", "", [surname], [givenName])', input: { surname: 'Doe', givenName: 'John' }, output: 'Doe, John' },
  { id: '§3 Left of NULL is ""', provenance: 'doc', expression: 'Left([missing], 3)', output: '' },
  { id: '§3 Word of NULL is ""', provenance: 'doc', expression: 'Word([missing], 1, " ")', output: '' },
  { id: '§3 recommended Switch for empty country', provenance: 'doc', expression: 'Switch([country],[country],"","Other")', input: { country: '' }, output: 'Other' },

  // ---- §4 Append ----
  { id: '§4 Append #1', provenance: 'doc', expression: 'Append([userPrincipalName], ".test")', input: { userPrincipalName: 'John.Doe@contoso.com' }, output: 'John.Doe@contoso.com.test' },
  { id: '§4 Append #2', provenance: 'doc', expression: 'Append(Mid([givenName], 1, 3), Mid([surname], 1, 5))', input: { givenName: 'John', surname: 'Doe' }, output: 'JohDoe' },

  // ---- BitAnd ----
  { id: '§4 BitAnd #1', provenance: 'doc', expression: 'BitAnd(&HF, &HF7)', output: '7' },
  { id: '§4 BitAnd #2', provenance: 'derived', expression: 'BitAnd(66048, 2)', output: '0' },
  { id: '§4 BitAnd #2 (Cloud Sync pattern)', provenance: 'derived', expression: 'IIF(BitAnd([userAccountControl], 2)="0", "True", "False")', input: { userAccountControl: '66048' }, output: 'True' },

  // ---- CBool ----
  { id: '§4 CBool doc example (equal)', provenance: 'doc', expression: 'CBool([attribute1] = [attribute2])', input: { attribute1: 'a', attribute2: 'a' }, output: 'True' },
  { id: '§4 CBool doc example (different)', provenance: 'doc', expression: 'CBool([attribute1] = [attribute2])', input: { attribute1: 'a', attribute2: 'b' }, output: 'False' },

  // ---- CDate ----
  { id: '§4 CDate #1', provenance: 'doc', expression: 'CDate([StatusHireDate])', input: { StatusHireDate: '2020-03-16-07:00' }, output: '3/16/2020 7:00:00 AM' },
  { id: '§4 CDate #2', provenance: 'doc', expression: 'CDate("2021-06-30+08:00")', output: '6/29/2021 4:00:00 PM' },
  { id: '§4 CDate #3', provenance: 'doc', expression: 'CDate("2009-06-15T01:45:30-07:00")', output: '6/15/2009 8:45:30 AM' },

  // ---- Coalesce ----
  { id: '§4 Coalesce #1', provenance: 'doc', expression: 'Coalesce([mail],[userPrincipalName])', input: { mail: null, userPrincipalName: 'John.Doe@contoso.com' }, output: 'John.Doe@contoso.com' },
  { id: '§4 Coalesce #2', provenance: 'derived', expression: 'Coalesce([mail],[userPrincipalName])', input: { mail: 'a@x.com' }, output: 'a@x.com' },

  // ---- ConvertToBase64 / ConvertToUTF8Hex / Count / CStr ----
  { id: '§4 ConvertToBase64 #1', provenance: 'doc', expression: 'ConvertToBase64("Hello world!")', output: 'SABlAGwAbABvACAAdwBvAHIAbABkACEA' },
  { id: '§4 ConvertToUTF8Hex #1', provenance: 'doc', expression: 'ConvertToUTF8Hex("Hello world!")', output: '48656C6C6F20776F726C6421' },
  { id: '§4 Count (3 values)', provenance: 'derived', expression: 'Count([proxyAddresses])', input: { proxyAddresses: ['SMTP:a@x.com', 'smtp:b@x.com', 'smtp:c@x.com'] }, output: '3' },
  { id: '§4 CStr doc example', provenance: 'doc', expression: 'CStr([dn])', input: { dn: 'cn=Joe,dc=contoso,dc=com' }, output: 'cn=Joe,dc=contoso,dc=com' },

  // ---- DateAdd (StatusHireDate = 2012-03-16-07:00) ----
  { id: '§4 DateAdd "d" 7', provenance: 'doc', expression: 'DateAdd("d", 7, CDate([StatusHireDate]))', input: HIRE, output: '3/23/2012 7:00:00 AM' },
  { id: '§4 DateAdd "d" -10', provenance: 'doc', expression: 'DateAdd("d", -10, CDate([StatusHireDate]))', input: HIRE, output: '3/6/2012 7:00:00 AM' },
  { id: '§4 DateAdd "ww" 2', provenance: 'doc', expression: 'DateAdd("ww", 2, CDate([StatusHireDate]))', input: HIRE, output: '3/30/2012 7:00:00 AM' },
  { id: '§4 DateAdd "m" 10', provenance: 'doc', expression: 'DateAdd("m", 10, CDate([StatusHireDate]))', input: HIRE, output: '1/16/2013 7:00:00 AM' },
  { id: '§4 DateAdd "yyyy" 2', provenance: 'doc', expression: 'DateAdd("yyyy", 2, CDate([StatusHireDate]))', input: HIRE, output: '3/16/2014 7:00:00 AM' },

  // ---- DateDiff ----
  { id: '§4 DateDiff d 2021-08-18+08:00 → 2021-08-31+08:00', provenance: 'doc', expression: 'DateDiff("d", CDate("2021-08-18+08:00"), CDate("2021-08-31+08:00"))', output: '13' },
  { id: '§4 DateDiff d 8/25/2021 → 2012-03-16-07:00', provenance: 'doc', expression: 'DateDiff("d", "8/25/2021 5:41:18 PM", CDate([StatusHireDate]))', input: HIRE, output: '-3449' },
  { id: '§4 DateDiff ww', provenance: 'doc', expression: 'DateDiff("ww", "8/25/2021 5:41:18 PM", CDate([StatusHireDate]))', input: HIRE, output: '-493' },
  { id: '§4 DateDiff m', provenance: 'doc', expression: 'DateDiff("m", "8/25/2021 5:41:18 PM", CDate([StatusHireDate]))', input: HIRE, output: '-113' },
  { id: '§4 DateDiff yyyy', provenance: 'doc', expression: 'DateDiff("yyyy", "8/25/2021 5:41:18 PM", CDate([StatusHireDate]))', input: HIRE, output: '-9' },
  { id: '§4 DateDiff d equal', provenance: 'doc', expression: 'DateDiff("d", "2021-08-31+08:00", "2021-08-31+08:00")', output: '0' },
  { id: '§4 DateDiff h', provenance: 'doc', expression: 'DateDiff("h", "2021-08-24", "2021-08-25")', output: '24' },

  // ---- DateFromNum ----
  { id: '§4 DateFromNum #1', provenance: 'doc', expression: 'DateFromNum(129699324000000000)', output: '1/1/2012 11:00:00 PM' },

  // ---- FormatDateTime ----
  { id: '§4 FormatDateTime #1', provenance: 'doc', expression: 'FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', input: { extensionAttribute1: '20150123105347.1Z' }, output: '2015-01-23' },
  { id: '§4 FormatDateTime #2 (3-argument form)', provenance: 'doc', expression: 'FormatDateTime([extensionAttribute1], "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', input: { extensionAttribute1: '20150123105347.1Z' }, output: '2015-01-23' },
  { id: '§4 FormatDateTime #3', provenance: 'derived', expression: 'FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz", "yyyy-MM-dd")', input: { ContractEndDate: '2020-12-31-08:00' }, output: '2020-12-31' },

  // ---- Guid / Now are checked in evaluator.test.ts (non-deterministic) ----
  { id: '§4 Now doc sample (fixed clock)', provenance: 'doc', expression: 'Now()', now: '2021-07-02T15:33:38Z', output: '7/2/2021 3:33:38 PM' },

  // ---- IgnoreFlowIfNullOrEmpty ----
  { id: '§4 IgnoreFlowIfNullOrEmpty #1 (NULL)', provenance: 'doc', expression: 'IgnoreFlowIfNullOrEmpty([department])', input: {}, output: IGNORE_FLOW },
  { id: '§4 IgnoreFlowIfNullOrEmpty #1 ("")', provenance: 'doc', expression: 'IgnoreFlowIfNullOrEmpty([department])', input: { department: '' }, output: IGNORE_FLOW },
  { id: '§4 IgnoreFlowIfNullOrEmpty #2', provenance: 'derived', expression: `IgnoreFlowIfNullOrEmpty(${PREFIX_SWITCH})`, input: { prefix: '3444' }, output: 'Prof.' },
  { id: '§4 IgnoreFlowIfNullOrEmpty #3', provenance: 'doc', expression: `IgnoreFlowIfNullOrEmpty(${PREFIX_SWITCH})`, input: { prefix: '9999' }, output: IGNORE_FLOW },

  // ---- IIF ----
  { id: '§4 IIF #1', provenance: 'derived', expression: 'IIF([country]="USA",[country],[department])', input: { country: 'USA', department: 'Sales' }, output: 'USA' },
  { id: '§4 IIF #2', provenance: 'derived', expression: 'IIF([country]="USA",[country],[department])', input: { country: 'Canada', department: 'Sales' }, output: 'Sales' },
  { id: '§4 IIF #3 (AND)', provenance: 'derived', expression: 'IIF([country]="USA",IIF([state]="CA","True","False"),"False")', input: { country: 'USA', state: 'CA' }, output: 'True' },
  { id: '§4 IIF #4 (AND)', provenance: 'derived', expression: 'IIF([country]="USA",IIF([state]="CA","True","False"),"False")', input: { country: 'USA', state: 'WA' }, output: 'False' },
  { id: '§4 IIF #5 (OR)', provenance: 'derived', expression: 'IIF([country]="USA","True",IIF([state]="CA","True","False"))', input: { country: 'Canada', state: 'CA' }, output: 'True' },
  { id: '§4 IIF #6', provenance: 'derived', expression: 'IIF([companyName] = "Company A", "A", IIF([companyName] = "Company B", "B", "External"))', input: { companyName: 'Company B' }, output: 'B' },
  {
    id: '§4 IIF Cloud Sync default (UAC present)',
    provenance: 'derived',
    expression: 'IIF(IsPresent([userAccountControl]), IIF(BitAnd([userAccountControl], 2)="0", "True", "False"), Not([accountDisabled]))',
    input: { userAccountControl: '66048' },
    output: 'True',
  },
  {
    id: '§4 IIF Cloud Sync default (UAC absent)',
    provenance: 'derived',
    expression: 'IIF(IsPresent([userAccountControl]), IIF(BitAnd([userAccountControl], 2)="0", "True", "False"), Not([accountDisabled]))',
    input: { accountDisabled: 'True' },
    output: 'False',
  },

  // ---- InStr ----
  { id: '§4 InStr #1', provenance: 'doc', expression: 'InStr("The quick brown fox","quick")', output: '5' },
  { id: '§4 InStr #2', provenance: 'doc', expression: 'InStr("repEated","e",3,vbBinaryCompare)', output: '7' },
  { id: '§4 InStr #3', provenance: 'derived', expression: 'InStr("repEated","e",3,vbTextCompare)', output: '4' },
  { id: '§4 InStr #4', provenance: 'derived', expression: 'InStr("abc","z")', output: '0' },

  // ---- IsNull / IsNullOrEmpty / IsPresent (doc rule table) ----
  { id: '§4 IsNull absent', provenance: 'doc', expression: 'IsNull([displayName])', output: 'True' },
  { id: '§4 IsNull ""', provenance: 'doc', expression: 'IsNull([displayName])', input: { displayName: '' }, output: 'False' },
  { id: '§4 IsNull "Ann"', provenance: 'doc', expression: 'IsNull([displayName])', input: { displayName: 'Ann' }, output: 'False' },
  { id: '§4 IsNullOrEmpty absent', provenance: 'doc', expression: 'IsNullOrEmpty([displayName])', output: 'True' },
  { id: '§4 IsNullOrEmpty ""', provenance: 'doc', expression: 'IsNullOrEmpty([displayName])', input: { displayName: '' }, output: 'True' },
  { id: '§4 IsNullOrEmpty "Ann"', provenance: 'doc', expression: 'IsNullOrEmpty([displayName])', input: { displayName: 'Ann' }, output: 'False' },
  { id: '§4 IsPresent absent', provenance: 'doc', expression: 'IsPresent([displayName])', output: 'False' },
  { id: '§4 IsPresent ""', provenance: 'doc', expression: 'IsPresent([displayName])', input: { displayName: '' }, output: 'False' },
  { id: '§4 IsPresent "Ann"', provenance: 'doc', expression: 'IsPresent([displayName])', input: { displayName: 'Ann' }, output: 'True' },
  {
    id: '§4 IsPresent/jobTitle Switch (customize doc)',
    provenance: 'doc',
    expression: 'Switch(IsPresent([jobTitle]), "DefaultValue", "True", [jobTitle])',
    input: { jobTitle: 'Engineer' },
    output: 'Engineer',
  },

  // ---- Item ----
  { id: '§4 Item (derived)', provenance: 'derived', expression: 'Item([proxyAddresses], 2)', input: { proxyAddresses: ['SMTP:a@x.com', 'smtp:b@x.com'] }, output: 'smtp:b@x.com' },
  { id: '§4 Item first', provenance: 'doc', expression: 'Item([proxyAddresses], 1)', input: { proxyAddresses: ['SMTP:a@x.com', 'smtp:b@x.com'] }, output: 'SMTP:a@x.com' },

  // ---- Join ----
  { id: '§4 Join #1', provenance: 'doc', expression: UPN_RULE, input: NAMES, output: 'John.Smith@contoso.com' },
  {
    id: '§4 Join #2',
    provenance: 'doc',
    expression: 'Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), "contoso.com")',
    input: NAMES,
    output: 'J.Smith@contoso.com',
  },
  { id: '§4 Join #3', provenance: 'doc', expression: 'Join(", ", "", [surname], [givenName])', input: { surname: 'Doe', givenName: 'John' }, output: 'Doe, John' },
  {
    id: '§4 Join #4 (doc?: derived value for the printed input)',
    provenance: 'doc?',
    expression: 'Join("", 1000, Replace(ConvertToUTF8Hex([objectId]), , "[a-zA-Z_]*", , "", , ))',
    input: { objectId: '00aa00aa-bb11-cc22-dd33-44ee44ee44ee' },
    output: '100030306161303061612626231312636332322646433332343465653434656534346565',
  },
  { id: '§4 Join #5', provenance: 'derived', expression: 'Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz", "yyyy-MM-dd"), " 23:59:59-08:00")', input: { ContractEndDate: '2020-12-31-08:00' }, output: '2020-12-31 23:59:59-08:00' },

  // ---- Left ----
  { id: '§4 Left #1', provenance: 'doc', expression: 'Left("John Doe", 3)', output: 'Joh' },
  { id: '§4 Left #2', provenance: 'derived', expression: 'Left("John Doe", 0)', output: '' },
  { id: '§4 Left #3', provenance: 'derived', expression: 'Left("John Doe", -1)', output: 'John Doe' },
  { id: '§4 Left #4', provenance: 'derived', expression: 'Left("Jo", 5)', output: 'Jo' },
  { id: '§4 Left #5', provenance: 'derived', expression: 'Left([missing], 3)', output: '' },

  // ---- Mid ----
  { id: '§4 Mid #1', provenance: 'doc', expression: 'Mid([givenName], 1, 3)', input: { givenName: 'John' }, output: 'Joh' },
  { id: '§4 Mid #2', provenance: 'doc', expression: 'Mid([surname], 1, 5)', input: { surname: 'Doe' }, output: 'Doe' },
  { id: '§4 Mid #3', provenance: 'doc', expression: 'Mid([PreferredFirstName], 1, 2)', input: { PreferredFirstName: 'John' }, output: 'Jo' },
  { id: '§4 Mid #4', provenance: 'derived', expression: 'Mid([userPrincipalName], 1, 8)', input: { userPrincipalName: 'johns@contoso.com' }, output: 'johns@co' },

  // ---- NormalizeDiacritics ----
  { id: '§4 NormalizeDiacritics #1', provenance: 'doc', expression: 'NormalizeDiacritics([givenName])', input: { givenName: 'Zoë' }, output: 'Zoe' },
  { id: '§4 NormalizeDiacritics #2', provenance: 'derived', expression: 'NormalizeDiacritics([givenName])', input: { givenName: 'Jéssica Smith' }, output: 'Jessica Smith' },
  { id: '§4 NormalizeDiacritics #3', provenance: 'derived', expression: 'NormalizeDiacritics([givenName])', input: { givenName: 'Bjørn Straße' }, output: 'Bjoern Strasse' },

  // ---- Not ----
  { id: '§4 Not("True")', provenance: 'doc', expression: 'Not("True")', output: 'False' },
  { id: '§4 Not("False")', provenance: 'doc', expression: 'Not("False")', output: 'True' },
  { id: '§4 Not([IsSoftDeleted])', provenance: 'derived', expression: 'Not([IsSoftDeleted])', input: { IsSoftDeleted: 'False' }, output: 'True' },

  // ---- NumFromDate ----
  {
    id: '§4 NumFromDate #1 (Workday)',
    provenance: 'derived',
    expression: 'NumFromDate(Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz", "yyyy-MM-dd"), " 23:59:59-08:00"))',
    input: { ContractEndDate: '2020-12-31-08:00' },
    output: '132539615990000000',
  },
  {
    id: '§4 NumFromDate #2 (SuccessFactors)',
    provenance: 'derived',
    expression: 'NumFromDate(Join("",FormatDateTime([endDate], ,"M/d/yyyy hh:mm:ss tt","yyyy-MM-dd")," 23:59:59-08:00"))',
    input: { endDate: '12/31/2020 12:00:00 AM' },
    output: '132539615990000000',
  },
  { id: '§4 NumFromDate #3', provenance: 'derived', expression: 'NumFromDate("2012-01-01T23:00:00Z")', output: '129699324000000000' },

  // ---- PCase ----
  { id: '§4 PCase #1', provenance: 'doc', expression: 'PCase([firstName])', input: { firstName: 'PABLO GONSALVES (SECOND)' }, output: 'Pablo Gonsalves (Second)' },
  { id: '§4 PCase #2', provenance: 'doc', expression: `PCase([lastName]," '-")`, input: { lastName: "PINTO-DE'SILVA" }, output: "Pinto-De'Silva" },
  { id: '§4 PCase #3', provenance: 'doc', expression: 'PCase(Join(" ",[firstName],[lastName]))', input: { firstName: 'GREGORY', lastName: 'JAMES' }, output: 'Gregory James' },

  // ---- Redact ----
  { id: '§4 Redact([userPrincipalName])', provenance: 'doc', expression: 'Redact([userPrincipalName])', input: { userPrincipalName: 'john@contoso.com' }, output: 'john@contoso.com' },
  { id: '§4 Redact("StringToBeRedacted")', provenance: 'doc', expression: 'Redact("StringToBeRedacted")', output: 'StringToBeRedacted' },

  // ---- RemoveDuplicates ----
  { id: '§4 RemoveDuplicates', provenance: 'derived', expression: 'RemoveDuplicates([proxyAddresses])', input: { proxyAddresses: ['a', 'b', 'a', 'B'] }, output: ['a', 'b', 'B'] },

  // ---- Replace ----
  { id: '§4 Replace #1', provenance: 'doc', expression: 'Replace([BusinessTitle],"Product Developer", , , "Software Engineer", , )', input: { BusinessTitle: 'Product Developer' }, output: 'Software Engineer' },
  { id: '§4 Replace #2', provenance: 'doc', expression: 'Replace([UserID],"<username>", , , , , "<username>@contoso.com")', input: { UserID: 'jsmith' }, output: 'jsmith@contoso.com' },
  { id: '§4 Replace #3', provenance: 'doc', expression: `Replace([telephoneNumber], , ${PHONE}, , "\${phoneNumber}", , )`, input: { telephoneNumber: '+91 9998887777' }, output: '9998887777' },
  {
    id: '§4 Replace #4 (doc?: the class has no +)',
    provenance: 'doc?',
    expression: String.raw`Replace([mobile], , "[()\\s-]+", , "", , )`,
    input: { mobile: '+1 (999) 888-7777' },
    output: '+19998887777',
  },
  { id: '§4 Replace #5', provenance: 'doc', expression: String.raw`Replace([AddressLineData], ,"(?<streetNumber>^\\d*)","streetNumber", "888", , )`, input: { AddressLineData: '545 Tremont Street' }, output: '888 Tremont Street' },
  { id: '§4 Replace #6', provenance: 'doc', expression: 'Replace([userPrincipalName], , "(?<Suffix>@(.)*)", "Suffix", "", , )', input: { userPrincipalName: 'jsmith@contoso.com' }, output: 'jsmith' },
  {
    id: '§4 Replace #7',
    provenance: 'doc',
    expression: `Replace([telephoneNumber], , ${PHONE}, "phoneNumber" , , [mobile], )`,
    input: { telephoneNumber: '', mobile: '+91 8887779999' },
    output: '8887779999',
  },
  { id: '§4 Replace #8', provenance: 'doc', expression: 'Replace([mailNickname], , "[a-zA-Z_]*", , "", , )', input: { mailNickname: 'john_doe72' }, output: '72' },
  { id: '§4 Replace #9', provenance: 'doc', expression: 'Replace([mail], "@contoso.com", , ,"", ,)', input: { mail: 'john.doe@contoso.com' }, output: 'john.doe' },
  { id: '§4 Replace #10', provenance: 'doc', expression: 'Replace([preferredLanguage], "-", , , "_", ,  )', input: { preferredLanguage: 'EN-US' }, output: 'EN_US' },

  // ---- SelectUniqueValue (doc: John / Smith) ----
  { id: '§4 SelectUniqueValue (first free)', provenance: 'doc', expression: SELECT_UNIQUE, input: NAMES, output: 'John.Smith@contoso.com' },
  { id: '§4 SelectUniqueValue (first taken)', provenance: 'doc', expression: SELECT_UNIQUE, input: NAMES, taken: ['John.Smith@contoso.com'], output: 'J.Smith@contoso.com' },
  {
    id: '§4 SelectUniqueValue (two taken)',
    provenance: 'doc',
    expression: SELECT_UNIQUE,
    input: NAMES,
    taken: ['John.Smith@contoso.com', 'J.Smith@contoso.com'],
    output: 'Jo.Smith@contoso.com',
  },

  // ---- SingleAppRoleAssignment (one role; two roles → error, tested in evaluator.test.ts) ----
  { id: '§4 SingleAppRoleAssignment (one role)', provenance: 'derived', expression: 'SingleAppRoleAssignment([appRoleAssignments])', input: { appRoleAssignments: ['Admin'] }, output: 'Admin' },

  // ---- Split ----
  {
    id: '§4 Split #1 (doc?: no trimming)',
    provenance: 'doc?',
    expression: 'Split([extensionAttribute5], ",")',
    input: { extensionAttribute5: 'PermissionSetOne, PermissionSetTwo' },
    output: ['PermissionSetOne', ' PermissionSetTwo'],
  },

  // ---- StripSpaces ----
  { id: '§4 StripSpaces (derived)', provenance: 'derived', expression: 'StripSpaces(" Mary Ann ")', output: 'MaryAnn' },
  { id: '§4 StripSpaces (UPN rule, unchanged)', provenance: 'doc', expression: 'StripSpaces("John.Smith")', output: 'John.Smith' },

  // ---- Switch ----
  { id: '§4 Switch #1', provenance: 'doc', expression: TIMEZONE_SWITCH, input: { state: 'QLD' }, output: 'Australia/Brisbane' },
  { id: '§4 Switch #2', provenance: 'derived', expression: TIMEZONE_SWITCH, input: { state: 'VIC' }, output: 'Australia/Sydney' },
  { id: '§4 Switch #3 "TRUE"', provenance: 'doc', expression: 'Switch(ToLower([statusFlag]), "0", "true", "1", "false", "0")', input: { statusFlag: 'TRUE' }, output: '1' },
  { id: '§4 Switch #3 "True"', provenance: 'doc', expression: 'Switch(ToLower([statusFlag]), "0", "true", "1", "false", "0")', input: { statusFlag: 'True' }, output: '1' },
  { id: '§4 Switch #3 "true"', provenance: 'doc', expression: 'Switch(ToLower([statusFlag]), "0", "true", "1", "false", "0")', input: { statusFlag: 'true' }, output: '1' },
  { id: '§4 Switch #4', provenance: 'derived', expression: 'Switch(ToLower([statusFlag]), "0", "true", "1", "false", "0")', input: { statusFlag: 'maybe' }, output: '0' },
  { id: '§4 Switch #5', provenance: 'doc', expression: 'Switch([statusFlag], "Default Value", "true", "1", "", "0")', input: { statusFlag: '' }, output: '0' },
  { id: '§4 Switch #6', provenance: 'doc', expression: 'Switch([country],[country],"","Other")', input: { country: '' }, output: 'Other' },
  { id: '§4 Switch #7', provenance: 'derived', expression: 'Switch([country],[country],"","Other")', input: { country: 'Spain' }, output: 'Spain' },
  { id: '§4 Switch #8', provenance: 'derived', expression: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")', input: { IsSoftDeleted: 'False' }, output: 'True' },
  { id: '§4 Switch #9', provenance: 'derived', expression: PREFIX_SWITCH, input: { prefix: '3445' }, output: 'Prof. Dr.' },

  // ---- ToLower / ToUpper ----
  {
    id: '§4 ToLower #1',
    provenance: 'doc',
    expression: 'ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"))',
    input: NAMES,
    output: 'john.smith@contoso.com',
  },
  { id: '§4 ToUpper #2', provenance: 'derived', expression: 'ToUpper("abc")', output: 'ABC' },
  { id: '§4 ToUpper #3', provenance: 'derived', expression: 'ToUpper("i", "tr-TR")', output: 'İ' },

  // ---- Word ----
  { id: '§4 Word #1', provenance: 'doc', expression: 'Word("The quick brown fox",3," ")', output: 'brown' },
  { id: '§4 Word #2', provenance: 'doc', expression: 'Word("This,string!has&many separators",3,",!&#")', output: 'has' },
  { id: '§4 Word #2 (word 4)', provenance: 'doc', expression: 'Word("This,string!has&many separators",4,",!&#")', output: 'many separators' },
  { id: '§4 Word #3', provenance: 'derived', expression: 'Word("The quick brown fox",0," ")', output: '' },
  { id: '§4 Word #4', provenance: 'derived', expression: 'Word("The quick brown fox",5," ")', output: '' },

  // ---- §5 Cloud Sync functions ----
  { id: '§5 ConvertFromBase64 (Unicode)', provenance: 'doc', expression: 'ConvertFromBase64("SABlAGwAbABvACAAdwBvAHIAbABkACEA")', output: 'Hello world!' },
  { id: '§5 ConvertFromBase64 (UTF8)', provenance: 'doc', expression: 'ConvertFromBase64("SGVsbG8gd29ybGQh", UTF8)', output: 'Hello world!' },
  { id: '§5 DNComponent', provenance: 'doc', expression: 'DNComponent(CRef([dn]),1)', input: { dn: 'cn=Joe,ou=Sales,dc=contoso,dc=com' }, output: 'Joe' },
  { id: '§5 Trim', provenance: 'doc', expression: 'Trim(" Test ")', output: 'Test' },
  { id: '§5 Trim (multi-valued)', provenance: 'doc', expression: 'Trim([x])', input: { x: [' a ', 'b '] }, output: ['a', 'b'] },
  { id: '§5 Error (not reached)', provenance: 'doc', expression: 'IIF(IsPresent([accountName]),[accountName],Error("AccountName is required"))', input: { accountName: 'joe' }, output: 'joe' },
  {
    id: '§5 Contains + Item (primary SMTP; Cloud Sync passes Mid 2 arguments)',
    provenance: 'derived',
    expression: 'Mid(Item([proxyAddresses],Contains([proxyAddresses], "SMTP:")),6,100)',
    input: { proxyAddresses: ['smtp:b@x.com', 'SMTP:a@x.com'] },
    output: 'a@x.com',
  },

  // ---- §6 composite worked examples (all doc) ----
  { id: '§6 Strip known domain', provenance: 'doc', expression: 'Replace([mail], "@contoso.com", , ,"", ,)', input: { mail: 'john.doe@contoso.com' }, output: 'john.doe' },
  { id: '§6 Alias from names', provenance: 'doc', expression: 'Append(Mid([givenName], 1, 3), Mid([surname], 1, 5))', input: { givenName: 'John', surname: 'Doe' }, output: 'JohDoe' },
  { id: '§6 "Last, First"', provenance: 'doc', expression: 'Join(", ", "", [surname], [givenName])', input: { surname: 'Doe', givenName: 'John' }, output: 'Doe, John' },
  {
    id: '§6 Lower-case UPN',
    provenance: 'doc',
    expression: 'ToLower(Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"))',
    input: NAMES,
    output: 'john.smith@contoso.com',
  },
  { id: '§6 Time-zone by state', provenance: 'doc', expression: TIMEZONE_SWITCH, input: { state: 'QLD' }, output: 'Australia/Brisbane' },
  { id: '§6 ServiceNow date', provenance: 'doc', expression: 'FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', input: { extensionAttribute1: '20150123105347.1Z' }, output: '2015-01-23' },
  { id: '§6 Digits only', provenance: 'doc', expression: 'Replace([mailNickname], , "[a-zA-Z_]*", , "", , )', input: { mailNickname: 'john_doe72' }, output: '72' },
  { id: '§6 Hire-date gate, Active "0"', provenance: 'doc', expression: HIRE_GATE, input: { Active: '0', StatusHireDate: '2024-01-10' }, now: '2024-01-01T00:00:00Z', output: 'False' },
  { id: '§6 Hire-date gate, Active "1", hire in 9 days', provenance: 'doc', expression: HIRE_GATE, input: { Active: '1', StatusHireDate: '2024-01-10' }, now: '2024-01-01T00:00:00Z', output: 'False' },
  { id: '§6 Hire-date gate, Active "1", hire in 2 days', provenance: 'doc', expression: HIRE_GATE, input: { Active: '1', StatusHireDate: '2024-01-03' }, now: '2024-01-01T00:00:00Z', output: 'True' },

  // ---- §7 parseExpression example (evaluation part; the tree is in mappingSource.test.ts) ----
  { id: '§7 parseExpression Replace', provenance: 'doc', expression: 'Replace([preferredLanguage], "-", , , "_", ,  )', input: { preferredLanguage: 'EN-US' }, output: 'EN_US' },
];

describe('mapping expressions: reference vectors', () => {
  it('labels every vector uniquely', () => {
    const ids = VECTORS.map((v) => v.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(VECTORS.filter((v) => v.provenance === 'doc').length >= 100, 'all the doc vectors are here');
  });

  for (const v of VECTORS) {
    it(`[${v.provenance}] ${v.id}`, () => {
      const taken = new Set(v.taken ?? []);
      let result;
      try {
        result = evaluate(v.expression, {
          source: v.input ?? {},
          now: new Date(v.now ?? '2026-01-01T00:00:00Z'),
          random: seededRandom(7),
          isUnique: (value) => !taken.has(value),
        });
      } catch (err) {
        if (err instanceof EvaluationError) assert.fail(`${v.expression}\n→ ${err.code}: ${err.message} at ${JSON.stringify(err.span)}`);
        throw err;
      }
      assert.deepEqual(result.value, v.output, v.expression);
    });
  }
});
