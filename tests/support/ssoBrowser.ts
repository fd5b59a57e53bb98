/**
 * The system browser's part of a single sign-on at the reference server's demo identity
 * provider, over plain HTTP: what a person does on its pages, without a browser.
 */

/** The provider's sign-in page: its form's action and hidden fields. */
async function providerForm(startUrl: string): Promise<{ action: URL; fields: Record<string, string> }> {
  const page = await (await fetch(startUrl)).text();
  const action = /<form[^>]*\saction="([^"]*)"/.exec(page)?.[1]?.replace(/&amp;/g, '&');
  if (!action) throw new Error(`no sign-in form in ${page}`);
  const fields = Object.fromEntries(
    [...page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]),
  );
  return { action: new URL(action, startUrl), fields };
}

/** Posts the provider's form (signing in as `userId`, or refusing) and follows its redirect back to the server. */
async function answerProvider(startUrl: string, answer: { user: string } | { deny: string }): Promise<Response> {
  const { action, fields } = await providerForm(startUrl);
  const choice: Record<string, string> = 'user' in answer ? { user: answer.user } : { deny: '1', reason: answer.deny };
  const posted = await fetch(action, { method: 'POST', body: new URLSearchParams({ ...fields, ...choice }), redirect: 'manual' });
  const back = posted.headers.get('location');
  if (!back) throw new Error(`the provider answered ${posted.status}`);
  return fetch(back);
}

/** CAS: signs in as the user; the service URL stores the sign-in under the app's token. */
export async function casBrowserLeg(startUrl: string, userId: string): Promise<void> {
  await answerProvider(startUrl, { user: userId });
}

/**
 * OAuth: signs in as the user (or refuses with a reason) and returns the rocketchat:// link
 * the server's end page sends the browser to — what the OS hands the app.
 */
export async function oauthBrowserLeg(startUrl: string, answer: { user: string } | { deny: string }): Promise<string> {
  const endPage = await (await answerProvider(startUrl, answer)).text();
  const config = /<script type="application\/json" id="config">([^<]*)<\/script>/.exec(endPage)?.[1];
  const link = config ? (JSON.parse(config) as { redirectUrl?: string }).redirectUrl : undefined;
  if (!link?.startsWith('rocketchat://')) throw new Error(`no app link in ${endPage}`);
  return link;
}
