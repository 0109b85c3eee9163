// Test helpers for the sandbox's token service: form posts, the control API, and a "browser" that walks the
// authorize → consent → redirect pages with plain HTTP (following 302s by hand and submitting form_post pages),
// so the interactive flows run without a real browser.
import assert from 'node:assert/strict';

export interface JsonResult {
  status: number;
  headers: Headers;
  body: any;
}

export async function postForm(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<JsonResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export async function getJson(url: string): Promise<JsonResult> {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** POST /_sandbox/identity/<path> with a JSON body; asserts success. */
export async function control(origin: string, path: string, body: unknown = {}): Promise<any> {
  const response = await fetch(`${origin}/_sandbox/identity/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `control ${path} failed: ${response.status} ${text}`);
  return JSON.parse(text);
}

export async function requestLog(origin: string): Promise<any[]> {
  return (await getJson(`${origin}/_sandbox/identity/requests`)).body.value;
}

/** The payload of a JWT, without verifying it. */
export function jwtPayload(token: string): Record<string, any> {
  const part = token.split('.')[1];
  assert.ok(part, 'not a JWT');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

export interface PageResult {
  status: number;
  /** Location of a 302, if that was the answer. */
  location?: string;
  html: string;
}

export async function getPage(url: string): Promise<PageResult> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location') ?? undefined, html: await response.text() };
}

export async function postPage(url: string, fields: Record<string, string>): Promise<PageResult> {
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, location: response.headers.get('location') ?? undefined, html: await response.text() };
}

export interface HtmlForm {
  action: string;
  fields: Record<string, string>;
}

/** The first form of a page: its action (resolved against `base`) and its hidden inputs. */
export function parseForm(html: string, base: string): HtmlForm {
  const form = /<form[^>]*action="([^"]*)"/i.exec(html);
  assert.ok(form, `no form in page:\n${html}`);
  const fields: Record<string, string> = {};
  for (const input of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescapeHtml(input[1]!)] = unescapeHtml(input[2]!);
  }
  return { action: new URL(unescapeHtml(form[1]!), base).toString(), fields };
}

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

/**
 * Plays the browser for an authorize URL: accepts the consent page if one is shown (or cancels it), and returns
 * where the app would be sent — the 302 Location, or, for response_mode=form_post, the form's action and fields
 * after submitting it (when `submitFormPost`).
 */
export async function browseAuthorize(
  authorizeUrl: string,
  options: { decision?: 'accept' | 'cancel'; submitFormPost?: boolean } = {},
): Promise<{ location?: string; formPost?: HtmlForm; consentPageShown: boolean }> {
  let page = await getPage(authorizeUrl);
  let consentPageShown = false;
  if (page.status === 200 && page.html.includes('name="request"')) {
    consentPageShown = true;
    const consent = parseForm(page.html, authorizeUrl);
    page = await postPage(consent.action, { ...consent.fields, decision: options.decision ?? 'accept' });
  }
  if (page.status === 302) return { location: page.location!, consentPageShown };
  assert.equal(page.status, 200, `unexpected authorize answer ${page.status}:\n${page.html}`);
  const formPost = parseForm(page.html, authorizeUrl);
  if (options.submitFormPost) {
    const response = await fetch(formPost.action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(formPost.fields).toString(),
    });
    await response.text();
  }
  return { formPost, consentPageShown };
}

/** What a person does on /devicelogin: enter the code (and press Next, or Cancel). */
export async function enterDeviceCode(verificationUri: string, userCode: string, extra: Record<string, string> = {}): Promise<PageResult> {
  return postPage(verificationUri, { otc: userCode, ...extra });
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
