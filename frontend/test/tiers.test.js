// One word for each tier everywhere on the site (issue #15, item 6): the words a visitor reads
// come from src/tiers.js only — never the backend's ids ("registered", "donor", "anonymous") nor
// the older "signed-in creator" / "Signed in" as a tier's name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PAGES } from '../scripts/pages.mjs';
import { expandPartials } from '../scripts/partials.mjs';
import { TIER_LABELS, tierLabel } from '../src/tiers.js';
import { accountHeading, accountTier, describeLimits, tierLine, tierWithArticle } from '../src/messages.js';

const root = new URL('../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');
/** Words that once named a tier to visitors. */
const OLD_WORDS = /\b(registered|signed-in creators?|donors?|anonymous)\b/i;
// the dashboard is the operators' page, with the other helper's Users table (its own test)
const VISITOR_PAGES = PAGES.filter((name) => name !== 'admin');
const VISITOR_SOURCES = ['main', 'gallery', 'signin', 'donate', 'messages', 'media', 'remake', 'user-jobs', 'gallery-store', 'policies'];

/** What a page shows: its text without markup, comments, scripts or attributes. */
function visibleText(html) {
  return html.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<head>[\s\S]*?<\/head>/, ' ')
    .replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ');
}

test('the tier words are the issue\'s: visitor, member, supporter, admin', () => {
  assert.deepEqual(TIER_LABELS, { anonymous: 'visitor', registered: 'member', donor: 'supporter', admin: 'admin' });
  assert.equal(tierLabel('registered'), 'member');
  assert.equal(tierLabel('mystery'), 'mystery', 'an unknown id is shown as it is');
  assert.equal(tierLabel(undefined), '');
  assert.equal(tierWithArticle('admin'), 'an admin');
  assert.equal(tierWithArticle('registered'), 'a member');
});

test('no page names a tier with another word', () => {
  for (const name of VISITOR_PAGES) {
    const text = visibleText(expandPartials(read(`${name}.html`), name));
    assert.doesNotMatch(text, OLD_WORDS, `${name}.html`);
    assert.doesNotMatch(text, /\bsigned[- ]in creators?\b/i, `${name}.html`);
  }
  // the donate page's table: one row a tier, each headed by its word
  const rows = [...read('donate.html').matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((m) => m[1].toLowerCase());
  assert.deepEqual(rows, ['visitor', 'member', 'supporter']);
  for (const word of rows) assert.ok(Object.values(TIER_LABELS).includes(word), word);
});

test('no script writes a tier with another word: every string literal is free of the old words', () => {
  for (const name of VISITOR_SOURCES) {
    const source = read(`src/${name}.js`).replace(/^\s*(\/\/|\*|\/\*\*).*$/gm, ''); // comments may say the ids
    const literals = [...source.matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g)].map((m) => m[2]);
    for (const literal of literals) {
      assert.doesNotMatch(literal, /\bsigned-in creators?\b|\ba registered\b|\bas registered\b/i, `src/${name}.js: ${literal}`);
      if (/\s/.test(literal)) assert.doesNotMatch(literal, OLD_WORDS, `src/${name}.js: "${literal}" is a sentence naming a tier`);
    }
  }
  assert.doesNotMatch(read('src/messages.js'), /TIER_NAMES/, 'the old second list of tier words is gone');
  for (const name of ['messages', 'signin']) {
    assert.match(read(`src/${name}.js`), /from '\.\/(tiers|messages)\.js'/, `src/${name}.js takes its words from tiers.js`);
  }
});

test('what the sign-in and donate pages say about a tier uses its word', () => {
  const limits = (tier, limit) => ({ tier, policy: { limit, window_seconds: 60 }, tokens_left: 1, grace_left: 0 });
  assert.equal(describeLimits(limits('anonymous', 3)).headline, "You're creating as a visitor: 3 creations a minute.");
  assert.equal(describeLimits(limits('registered', 5)).headline, "You're creating as a member: 5 creations a minute.");
  assert.equal(describeLimits(limits('donor', 10)).headline, "You're creating as a supporter: 10 creations a minute.");
  assert.equal(describeLimits(limits('admin', 60)).headline, "You're creating as an admin: 60 creations a minute.");
  assert.equal(tierLine('registered'), 'member · 5 creations a minute, ahead of visitors in the queue');
  assert.equal(tierLine('admin'), 'admin · 60 creations a minute, the dashboard');
});

test('signed in, the sign-in page\'s heading is the account, not "Sign in for more"', () => {
  const checking = accountHeading(null);
  assert.equal(checking.title, 'Your account');
  const member = accountHeading('registered');
  assert.equal(member.title, 'Your account');
  assert.equal(member.lede, "You're a member: 5 creations a minute, ahead of visitors in the queue, and your gallery on every device.");
  assert.match(accountHeading('donor').lede, /^You're a supporter: 10 creations a minute, first in the queue/);
  assert.match(accountHeading('admin').lede, /^You're an admin: 60 creations a minute/);
  for (const tier of [null, 'registered', 'donor', 'admin']) assert.doesNotMatch(JSON.stringify(accountHeading(tier)), /sign in for/i);
  // signed out the page keeps its pitch, which signin.js puts back on signing out
  assert.match(read('signin.html'), /<h1 id="page-title">Sign in for <em>more<\/em><\/h1>/);
  assert.match(read('src/signin.js'), /showHeading\(/);
});

test('an account whose e-mail is not verified is worded as held back until it verifies', () => {
  assert.equal(accountTier({ tier: 'anonymous', email_verified: false }), 'unverified');
  assert.equal(accountTier({ tier: 'registered', email_verified: true }), 'registered');
  assert.equal(accountTier({ tier: 'donor', email_verified: false }), 'donor', 'a supporter stays one');
  assert.equal(tierLine('unverified'), 'visitor until your e-mail address is verified · then member, 5 creations a minute, ahead of visitors in the queue');
  const heading = accountHeading('unverified');
  assert.equal(heading.title, 'Your account');
  assert.match(heading.lede, /^Verify your e-mail address to become a member: 5 creations a minute/);
  assert.match(heading.lede, /shared with your internet connection/);
});
